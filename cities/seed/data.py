"""The programme's content in Persian and English: regions, areas, topics and the 13 dossiers.

Facts come from ../shared/seed/SISTER-CITIES.md and BRIEF.md; where a year is uncertain the first
year given is used and the summary says so. Editors correct content in the admin; none of this is
code the site depends on (nothing assumes the number 13).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ZWNJ = "\u200c"


@dataclass(frozen=True)
class Text:
    fa: str
    en: str


@dataclass(frozen=True)
class RegionData:
    slug: str
    name: Text


@dataclass(frozen=True)
class TopicData:
    slug: str
    name: Text
    description: Text


@dataclass(frozen=True)
class AreaData:
    slug: str
    name: Text
    description: Text
    topics: tuple[TopicData, ...]


@dataclass(frozen=True)
class CityData:
    slug: str
    name: Text
    local_name: str
    country: str
    region: str
    twinned_since: int
    languages: str
    time_zone: str
    latitude: Decimal
    longitude: Decimal
    summary: Text


REGIONS = (
    RegionData("asia", Text("آسیا", "Asia")),
    RegionData("europe", Text("اروپا", "Europe")),
    RegionData("middle-east", Text("خاورمیانه", "Middle East")),
    RegionData("latin-america", Text("آمریکای لاتین", "Latin America")),
    RegionData("africa", Text("آفریقا", "Africa")),
)


def _t(slug: str, fa_name: str, en_name: str, fa_desc: str, en_desc: str) -> TopicData:
    return TopicData(slug, Text(fa_name, en_name), Text(fa_desc, en_desc))


AREAS = (
    AreaData(
        "culture-tourism-media",
        Text(
            "فرهنگ، گردشگری، رسانه، هنر، ورزش و جامعه مدنی",
            "Culture, tourism, media, arts, sport and civil society",
        ),
        Text(
            "همکاری‌های فرهنگی، هنری، رسانه‌ای، ورزشی و گردشگری میان اصفهان و خواهرخوانده‌ها.",
            "Cultural, artistic, media, sports and tourism cooperation between Isfahan and its "
            "sister cities.",
        ),
        (
            _t(
                "friendship-associations",
                "انجمن‌های دوستی و نهادهای مدنی",
                "Friendship associations and civil society",
                "افزایش مشارکت شخصیت‌های حقیقی، نهادهای مدنی و به‌ویژه انجمن‌های دوستی در تعریف و "
                "اجرای برنامه‌های مشترک.",
                "Participation of individuals, civil institutions and especially friendship "
                "associations in defining and running joint programmes.",
            ),
            _t(
                "iranians-abroad",
                "ایرانیان مقیم خارج",
                "Iranians abroad",
                "شناخت ظرفیت‌ها و ایجاد رابطه و توسعه همکاری با ایرانیان مقیم خارج از کشور، "
                "به‌ویژه اصفهانی‌های مقیم خارج، در حوزه‌های مختلف.",
                "Relations and cooperation with Iranians living abroad, especially Isfahanis "
                "abroad.",
            ),
            _t(
                "cultural-desk",
                "میز فرهنگی اصفهان",
                "Isfahan cultural desk",
                "زمینه‌سازی برای شکل‌گیری میز فرهنگی اصفهان در هر یک از خواهرخوانده‌ها و بالعکس.",
                "An Isfahan cultural desk in each sister city, and the other way round.",
            ),
            _t(
                "technical-services-export",
                "صادرات خدمات فنی و مهندسی",
                "Export of technical and engineering services",
                "توسعه صادرات دانش، خدمات فنی و مهندسی و توانمندی‌های شهرداری و واحدهای صنعتی و "
                "خدماتی اصفهان به خارج از کشور.",
                "Export of knowledge and of technical and engineering services of the "
                "municipality and of Isfahan's industrial and service firms.",
            ),
            _t(
                "tourism",
                "توسعه گردشگری",
                "Tourism development",
                "توسعه صنعت گردشگری اصفهان (گردشگری سلامت، گردشگری مذهبی و سایر اشکال آن) و جذب "
                "سرمایه‌گذاری در این حوزه.",
                "Tourism development (health tourism, religious tourism and other forms) and "
                "investment in it.",
            ),
            _t(
                "city-branding",
                "برندسازی شهری",
                "City branding",
                "تبلیغ و برندسازی مثبت و شایسته از کلان‌شهر اصفهان در محیط بین‌المللی با تمرکز بر "
                "گردشگری.",
                "Positive international branding of Isfahan, focused on tourism.",
            ),
            _t(
                "city-marketing",
                "بازاریابی شهری",
                "City marketing",
                "همکاری و تبادل تجربیات در زمینه بازاریابی شهری.",
                "Exchange of experience in city marketing.",
            ),
            _t(
                "sports-events",
                "رویدادهای مشترک ورزشی",
                "Joint sports events",
                "برگزاری رویدادهای مشترک ورزشی.",
                "Joint sports events.",
            ),
            _t(
                "media-links",
                "پیوند رسانه‌ای",
                "Media links",
                "پیوند میان فعالان رسانه‌ای دو طرف: تورهای رسانه‌ای و آشنا کردن شهروندان هر شهر "
                "با شهر دیگر.",
                "Links between media people of both sides: media tours, introducing each city's "
                "citizens to the other.",
            ),
            _t(
                "artist-links",
                "پیوند هنرمندان",
                "Artist links",
                "پیوند میان هنرمندان اصفهان و شهرهای خواهرخوانده برای پروژه‌های پژوهشی و رویدادهای "
                "مشترک.",
                "Links between artists of both sides: research projects and joint events.",
            ),
            _t(
                "cultural-weeks",
                "هفته‌های فرهنگی",
                "Cultural weeks",
                "برپایی هفته‌های فرهنگی اصفهان در شهرهای خواهرخوانده و بالعکس.",
                "Isfahan cultural weeks in the sister cities, and the other way round.",
            ),
        ),
    ),
    AreaData(
        "economy-trade",
        Text("اقتصاد و تجارت", "Economy and trade"),
        Text(
            "همکاری‌های اقتصادی با محوریت بخش خصوصی و اتاق بازرگانی اصفهان.",
            "Economic cooperation led by the private sector and the Isfahan Chamber of Commerce.",
        ),
        (
            _t(
                "chambers-of-commerce",
                "اتاق‌های بازرگانی",
                "Chambers of commerce",
                "برقراری ارتباط با اتاق‌های بازرگانی شهرهای خواهرخوانده.",
                "Contact with the sister cities' chambers of commerce.",
            ),
            _t(
                "young-international-chamber",
                "اتاق بین‌الملل جوانان",
                "Young International Chamber",
                "بهره‌گیری از پیوند میان اتاق بین‌الملل جوانان ایران و همتایانش در شهرهای "
                "خواهرخوانده.",
                "Links between the Young International Chamber of Iran and its counterparts in the "
                "sister cities.",
            ),
            _t(
                "permanent-trade-showcase",
                "فضای دائمی نمایش توانمندی‌های تجاری",
                "Permanent trade showcase",
                "ایجاد فضای دائمی برای به نمایش گذاشتن توانمندی‌های تجاری اصفهان.",
                "A permanent space that shows Isfahan's commercial capabilities.",
            ),
            _t(
                "joint-urban-investment",
                "سرمایه‌گذاری مشترک در پروژه‌های شهری",
                "Joint investment in urban projects",
                "سرمایه‌گذاری مشترک در پروژه‌های شهری با استفاده از توانمندی‌های اعضای اتاق‌های "
                "بازرگانی.",
                "Joint investment in urban projects, drawing on chamber members' capabilities.",
            ),
            _t(
                "specialised-exhibitions",
                "نمایشگاه‌های تخصصی",
                "Specialised exhibitions",
                "برگزاری نمایشگاه‌های تخصصی از توانمندی‌های دو طرف در دو منطقه.",
                "Specialised exhibitions of both sides' capabilities in the two regions.",
            ),
        ),
    ),
    AreaData(
        "science-universities",
        Text("علم و دانشگاه", "Science and universities"),
        Text(
            "همکاری‌های علمی با محوریت دانشگاه‌های اصفهان و شهرک علمی و تحقیقاتی.",
            "Scientific cooperation led by Isfahan's universities and the Science and "
            "Technology Town.",
        ),
        (
            _t(
                "student-programmes",
                "برنامه‌های دانشجویی",
                "Student programmes",
                "برنامه‌های فرهنگی، علمی و ورزشی مشترک برای دانشجویان اصفهان و شهرهای خواهرخوانده.",
                "Joint cultural, scientific and sports programmes for students.",
            ),
            _t(
                "faculty-ambassadors",
                "سفیران هیئت علمی",
                "Faculty ambassadors",
                "معرفی توان علمی اصفهان توسط اعضای هیئت علمی مقیم شهرهای خواهرخوانده به دانشگاه‌ها "
                "و مراکز تحقیقاتی آن شهرها.",
                "Faculty members living in sister cities introduce Isfahan's scientific potential "
                "to universities and research centres there.",
            ),
            _t(
                "art-and-industry-to-academia",
                "معرفی هنر و صنعت اصفهان به دانشگاه‌ها",
                "Isfahan's art and industry for academia",
                "معرفی هنر و صنعت اصفهان به مراکز علمی شهرهای خواهرخوانده و افزایش رفت‌وآمدها با "
                "استفاده از جاذبه‌های اصفهان.",
                "Introducing Isfahan's art and industry to the sister cities' scientific centres, "
                "and more exchange visits using Isfahan's attractions.",
            ),
            _t(
                "scientific-tours",
                "تورهای علمی",
                "Scientific tours",
                "تورهای علمی برای اعضای هیئت علمی و دانشجویان در هر دو جهت.",
                "Scientific tours for faculty and students in both directions.",
            ),
            _t(
                "joint-research-groups",
                "گروه‌های پژوهشی مشترک",
                "Joint research groups",
                "ایجاد گروه‌های پژوهشی مشترک و تعاملات علمی بین‌المللی.",
                "Joint research groups and international scientific exchange.",
            ),
            _t(
                "sister-city-research",
                "پژوهش درباره خواهرخوانده‌ها",
                "Research on the sister cities",
                "هدایت پایان‌نامه‌های کارشناسی، کارشناسی ارشد و دکتری به سوی خواهرخوانده‌ها، با "
                "همکاری آن شهرها، برای ساختن بانک دانش همکاری‌ها.",
                "Steering bachelor's, master's and doctoral research towards the sister cities, "
                "with their cooperation, to build a knowledge bank for the partnerships.",
            ),
            _t(
                "joint-courses-mooc",
                "دوره‌های آموزشی مشترک و MOOC",
                "Joint courses and MOOCs",
                "دوره‌های آموزشی مشترک: دوره‌های بلندمدت مدرک‌دار یا درس‌های مشترک بر بسترهای "
                "آموزش برخط همگانی (MOOC).",
                "Joint training courses: long certificate courses, or joint courses on MOOC "
                "platforms.",
            ),
            _t(
                "scientific-network",
                "شبکه علمی",
                "Scientific network",
                "شبکه علمی اعضای هیئت علمی اصفهان و شهرهای خواهرخوانده.",
                "A scientific network of faculty members of Isfahan and the sister cities.",
            ),
            _t(
                "annual-exhibitions",
                "نمایشگاه‌های سالانه",
                "Annual exhibitions",
                "نمایشگاه‌های سالانه در محل دائمی نمایشگاه‌ها با دانشگاه‌ها، همراه با میزگردهای "
                "تخصصی با حضور سفیران و افراد مرتبط.",
                "Annual exhibitions at the permanent exhibition venue with the universities, with "
                "specialist round tables attended by ambassadors and other relevant people.",
            ),
        ),
    ),
)


def _c(slug, fa, en, local, country, region, year, langs, tz, lat, lng, fa_sum, en_sum):
    return CityData(
        slug,
        Text(fa, en),
        local,
        country,
        region,
        year,
        langs,
        tz,
        Decimal(lat),
        Decimal(lng),
        Text(fa_sum, en_sum),
    )


CITIES = (
    _c(
        "xian",
        "شیان",
        "Xi'an",
        "西安",
        "CN",
        "asia",
        1989,
        "zh",
        "Asia/Shanghai",
        "34.341600",
        "108.939800",
        "شیان، مرکز استان شنشی چین، سر شرقی جاده ابریشم بود؛ جاده‌ای که از اصفهان هم می‌گذشت. "
        "این شهر، خانه ارتش سفالین، از سال ۱۹۸۹ خواهرخوانده اصفهان است.",
        "Xi'an, capital of Shaanxi province, was the eastern end of the Silk Road, which also "
        "ran through Isfahan. Home of the Terracotta Army, it has been Isfahan's sister city "
        "since 1989.",
    ),
    _c(
        "kuala-lumpur",
        "کوالالامپور",
        "Kuala Lumpur",
        "Kuala Lumpur",
        "MY",
        "asia",
        1997,
        "ms",
        "Asia/Kuala_Lumpur",
        "3.139000",
        "101.686900",
        "کوالالامپور، پایتخت و بزرگ‌ترین شهر مالزی، از کانون‌های تجارت، مالیه و آموزش عالی در "
        "جنوب شرق آسیاست و از سال ۱۹۹۷ خواهرخوانده اصفهان است.",
        "Kuala Lumpur, Malaysia's capital and largest city, is a hub of trade, finance and "
        "higher education in South-East Asia, and Isfahan's sister city since 1997.",
    ),
    _c(
        "florence",
        "فلورانس",
        "Florence",
        "Firenze",
        "IT",
        "europe",
        1998,
        "it",
        "Europe/Rome",
        "43.769600",
        "11.255800",
        "فلورانس، مرکز منطقه توسکانی و زادگاه رنسانس، با اصفهان میراثی از هنر، معماری و صنایع "
        "دستی را شریک است؛ دو شهر از سال ۱۹۹۸ خواهرخوانده‌اند.",
        "Florence, capital of Tuscany and cradle of the Renaissance, shares with Isfahan a "
        "heritage of art, architecture and crafts; the two cities have been twinned since 1998.",
    ),
    _c(
        "iasi",
        "یاش",
        "Iași",
        "Iași",
        "RO",
        "europe",
        1999,
        "ro",
        "Europe/Bucharest",
        "47.158500",
        "27.601400",
        "یاش، پایتخت تاریخی مولداوی در شمال شرق رومانی، از مراکز مهم دانشگاهی و فرهنگی این کشور "
        "است و از سال ۱۹۹۹ خواهرخوانده اصفهان است.",
        "Iași, the historic capital of Moldavia in north-eastern Romania, is one of the "
        "country's main university and cultural centres; Isfahan's sister city since 1999.",
    ),
    _c(
        "barcelona",
        "بارسلونا",
        "Barcelona",
        "Barcelona",
        "ES",
        "europe",
        2000,
        "es, ca",
        "Europe/Madrid",
        "41.385100",
        "2.173400",
        "بارسلونا، مرکز کاتالونیا در کرانه مدیترانه، به معماری، طراحی و تجربه‌اش در بازاریابی "
        "شهری شناخته می‌شود و از سال ۲۰۰۰ خواهرخوانده اصفهان است.",
        "Barcelona, capital of Catalonia on the Mediterranean, is known for its architecture, "
        "design and city-marketing experience; Isfahan's sister city since 2000.",
    ),
    _c(
        "yerevan",
        "ایروان",
        "Yerevan",
        "Երևան",
        "AM",
        "asia",
        2000,
        "hy",
        "Asia/Yerevan",
        "40.179200",
        "44.499100",
        "ایروان، پایتخت ارمنستان، از راه جامعه ارمنیان جلفای نو پیوندی نزدیک با اصفهان دارد؛ "
        "خواهرخواندگی دو شهر از سال ۲۰۰۰ است (فهرست خود ایروان سال ۱۹۹۵ را می‌گوید).",
        "Yerevan, Armenia's capital, is close to Isfahan through the Armenian community of New "
        "Julfa; the partnership dates from 2000 (Yerevan's own list says 1995).",
    ),
    _c(
        "kuwait-city",
        "کویت",
        "Kuwait City",
        "مدينة الكويت",
        "KW",
        "middle-east",
        2000,
        "ar",
        "Asia/Kuwait",
        "29.375900",
        "47.977400",
        "شهر کویت، پایتخت کشور کویت در کرانه خلیج فارس، از کانون‌های تجارت و مالیه منطقه است و "
        "از سال ۲۰۰۰ خواهرخوانده اصفهان است.",
        "Kuwait City, capital of the State of Kuwait on the Persian Gulf, is a centre of trade "
        "and finance in the region; Isfahan's sister city since 2000.",
    ),
    _c(
        "freiburg",
        "فرایبورگ",
        "Freiburg im Breisgau",
        "Freiburg im Breisgau",
        "DE",
        "europe",
        2000,
        "de",
        "Europe/Berlin",
        "47.999000",
        "7.842100",
        "فرایبورگ، شهری دانشگاهی در جنوب غرب آلمان، به توسعه پایدار شهری شناخته می‌شود و انجمن "
        "دوستی آن با اصفهان از فعال‌ترین‌هاست. خواهرخواندگی دو شهر از سال ۲۰۰۰ است.",
        "Freiburg im Breisgau, a university city in south-west Germany, is known for "
        "sustainable urban development, and its friendship association with Isfahan is among "
        "the most active. Twinned since 2000.",
    ),
    _c(
        "havana",
        "هاوانا",
        "Havana",
        "La Habana",
        "CU",
        "latin-america",
        2001,
        "es",
        "America/Havana",
        "23.113600",
        "-82.366600",
        "هاوانا، پایتخت کوبا، مرکز تاریخی‌ای دارد که مانند میدان نقش جهان اصفهان در فهرست میراث "
        "جهانی یونسکو ثبت شده است؛ خواهرخوانده اصفهان از سال ۲۰۰۱.",
        "Havana, Cuba's capital, has a historic centre on UNESCO's World Heritage List, as "
        "Isfahan's Naqsh-e Jahan Square is; Isfahan's sister city since 2001.",
    ),
    _c(
        "lahore",
        "لاهور",
        "Lahore",
        "لاہور",
        "PK",
        "asia",
        2004,
        "ur",
        "Asia/Karachi",
        "31.520400",
        "74.358700",
        "لاهور، مرکز ایالت پنجاب پاکستان، با اصفهان میراث مشترکی از باغ، مسجد و شعر فارسی دارد؛ "
        "خواهرخوانده از سال ۲۰۰۴ (یک منبع سال ۲۰۰۶ را می‌گوید).",
        "Lahore, capital of Punjab in Pakistan, shares with Isfahan a Persianate heritage of "
        "gardens, mosques and poetry; twinned since 2004 (one source gives 2006).",
    ),
    _c(
        "saint-petersburg",
        f"سن{ZWNJ}پترزبورگ",
        "Saint Petersburg",
        "Санкт-Петербург",
        "RU",
        "europe",
        2004,
        "ru",
        "Europe/Moscow",
        "59.931100",
        "30.360900",
        "سن‌پترزبورگ، دومین شهر روسیه در کرانه رود نوا، کانون فرهنگ، موزه‌ها و کشتی‌سازی است؛ "
        "خواهرخوانده اصفهان از سال ۲۰۰۴ (منابع سال‌های ۱۹۹۸ تا ۲۰۰۴ را می‌گویند).",
        "Saint Petersburg, Russia's second city on the Neva, is a centre of culture, museums "
        "and shipbuilding; Isfahan's sister city since 2004 (sources differ: 1998–2004).",
    ),
    _c(
        "dakar",
        "داکار",
        "Dakar",
        "Dakar",
        "SN",
        "africa",
        2009,
        "fr",
        "Africa/Dakar",
        "14.716700",
        "-17.467700",
        "داکار، پایتخت سنگال در کرانه اقیانوس اطلس، کانون فرهنگ و تجارت غرب آفریقاست و از سال "
        "۲۰۰۹ خواهرخوانده اصفهان است.",
        "Dakar, Senegal's capital on the Atlantic coast, is a hub of West African culture and "
        "trade; Isfahan's sister city since 2009.",
    ),
    _c(
        "baalbek",
        "بعلبک",
        "Baalbek",
        "بعلبك",
        "LB",
        "middle-east",
        2010,
        "ar",
        "Asia/Beirut",
        "34.006000",
        "36.204000",
        "بعلبک در دره بقاع لبنان به مجموعه معابد رومی‌اش، از میراث جهانی یونسکو، شناخته می‌شود و "
        "از سال ۲۰۱۰ خواهرخوانده اصفهان است.",
        "Baalbek, in Lebanon's Beqaa valley, is known for its Roman temple complex, a UNESCO "
        "World Heritage Site; Isfahan's sister city since 2010.",
    ),
)

HOME = {
    "title": Text("شهروند دیپلمات", "Citizen Diplomat"),
    "intro": Text(
        "«شهروند دیپلمات» ابتکار شهرداری اصفهان برای ساختن دیپلماسی شهری بر پایه دیپلماسی "
        "شهروندی است: شهروندانی که کانال‌های مشروع در خارج از کشور دارند به اصفهان در همکاری با "
        "۱۳ شهر خواهرخوانده‌اش کمک می‌کنند.",
        "“Citizen Diplomat” is Isfahan Municipality's initiative to build city diplomacy on "
        "citizen diplomacy: people of Isfahan with legitimate channels abroad help the city "
        "work with its 13 sister cities.",
    ),
    "goals": (
        Text(
            "ارتباط مؤثر با شرکای خارجی (خواهرخوانده‌ها)",
            "Effective communication with foreign partners (the sister cities)",
        ),
        Text("شناسایی تسهیلگران شهروندی", "Identifying citizen facilitators"),
        Text(
            "توسعه همکاری‌های اقتصادی و علمی با محوریت بخش خصوصی و دانشگاه‌های اصفهان",
            "Developing economic and scientific cooperation, led by the private sector and "
            "Isfahan's universities",
        ),
        Text(
            "افزایش تعامل با دستگاه دیپلماسی کشور",
            "More interaction with the country's diplomatic apparatus",
        ),
        Text("افزایش تعامل با دستگاه‌های استانی", "More interaction with provincial agencies"),
    ),
}

CITY_INDEX = {
    "slug": "cities",
    "title": Text("شهرهای خواهرخوانده", "Sister cities"),
    "intro": Text(
        "اصفهان از راه شهرهای خواهرخوانده‌اش با پنج منطقه جهان پیوند دارد. پرونده هر شهر، "
        "همنشست‌ها و برنامه‌های اقدام آن را اینجا ببینید.",
        "Through its sister cities Isfahan is connected to five world regions. Each city's "
        "dossier, co-sessions and Action Plans are here.",
    ),
}

STANDARD_PAGES = (
    {
        "slug": "about",
        "title": Text("درباره طرح", "About the programme"),
        "intro": Text(
            "شهرداری اصفهان دبیرخانه اجرایی این ابتکار است؛ شرکای اصلی آن نمایندگی وزارت امور "
            "خارجه در اصفهان، کنسرسیوم همکاری‌های علمی بین‌المللی دانشگاه‌ها با شهرک علمی و "
            "تحقیقاتی، و اتاق بازرگانی اصفهان هستند.",
            "Isfahan Municipality is the programme's executive secretariat; its main partners "
            "are the Ministry of Foreign Affairs representation office in Isfahan, the "
            "universities' consortium for international scientific cooperation with the Science "
            "and Technology Town, and the Isfahan Chamber of Commerce.",
        ),
    },
    {
        "slug": "privacy",
        "title": Text("حریم خصوصی", "Privacy policy"),
        "intro": Text(
            "اطلاعاتی که هنگام ثبت‌نام می‌دهید فقط برای بررسی در کمیته و دعوت به همنشست‌ها به کار "
            "می‌رود، هرگز منتشر نمی‌شود و به درخواست شما پاک می‌شود.",
            "What you give when you register is used only for the committee's review and for "
            "invitations to co-sessions; it is never published and is erased on request.",
        ),
    },
)
