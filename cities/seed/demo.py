"""Sample content for `load_programme --demo`: clearly marked as such in both languages.

Florence gets one held co-session with a published Action Plan and one upcoming co-session with
open registration. Dates are relative to the day the command first runs.
"""

from __future__ import annotations

from .data import Text

SAMPLE_NOTE = Text(
    "این محتوای نمونه برای نمایش امکانات سامانه است و رویداد واقعی نیست.",
    "This is sample content that shows what the platform can do; it is not a real event.",
)

HELD_SESSION = {
    "slug": "florence-co-session-1",
    "number": 1,
    "title": Text(
        "همنشست خواهرشهرها: فلورانس (نمونه)", "Sister Cities Co-Session: Florence (sample)"
    ),
    "days_from_now": -60,
    "status": "held",
    "format": "in_person",
    "capacity": 40,
    "venue": Text("ساختمان مرکزی شهرداری اصفهان", "Isfahan Municipality central building"),
    "address": Text("اصفهان، میدان امام", "Imam Square, Isfahan"),
    "summary": Text(
        "در این همنشست، پرونده فلورانس بررسی شد و برای هفته فرهنگی، نمایشگاه صنایع دستی و گروه "
        "پژوهشی مشترک توافق شد.",
        "The co-session reviewed Florence's dossier and agreed on a cultural week, a crafts "
        "exhibition and a joint research group.",
    ),
}

UPCOMING_SESSION = {
    "slug": "florence-co-session-2",
    "number": 2,
    "title": Text(
        "همنشست دوم خواهرشهرها: فلورانس (نمونه)",
        "Second Sister Cities Co-Session: Florence (sample)",
    ),
    "days_from_now": 45,
    "status": "scheduled",
    "format": "hybrid",
    "online_link": "https://meet.example.org/florence-co-session-2",
    "capacity": 30,
    "venue": Text("ساختمان مرکزی شهرداری اصفهان", "Isfahan Municipality central building"),
    "address": Text("اصفهان، میدان امام", "Imam Square, Isfahan"),
}

PARTICIPANTS = (
    (
        Text(
            "نمایندگی وزارت امور خارجه در اصفهان",
            "Ministry of Foreign Affairs representation office in Isfahan",
        ),
        Text("میزبان مشترک", "Co-host"),
    ),
    (Text("سفارت ایتالیا در تهران", "Embassy of Italy in Tehran"), Text("مهمان", "Guest")),
    (
        Text("انجمن دوستی اصفهان و فلورانس", "Isfahan–Florence friendship association"),
        Text("عضو", "Member"),
    ),
    (Text("اتاق بازرگانی اصفهان", "Isfahan Chamber of Commerce"), Text("عضو", "Member")),
)

AGENDA = (
    ("10:00–10:30", Text("خوشامد و معرفی پرونده فلورانس", "Welcome and Florence's dossier")),
    ("10:30–11:30", Text("معرفی تسهیلگران شهروندی", "Citizen facilitators introduce themselves")),
    ("11:30–12:30", Text("پیش‌نویس برنامه اقدام", "Drafting the Action Plan")),
)

ACTION_PLAN = {
    "slug": "florence-action-plan",
    "title": Text(
        "برنامه اقدام همکاری با فلورانس (نمونه)",
        "Action Plan for cooperation with Florence (sample)",
    ),
    "summary": Text(
        "گام‌هایی که اصفهان و فلورانس پس از نخستین همنشست برداشته‌اند و پیشرفت هر یک.",
        "The steps Isfahan and Florence took after the first co-session, and how far each has "
        "come.",
    ),
}

ACTION_PLAN_ITEMS = (
    {
        "title": Text("هفته فرهنگی اصفهان در فلورانس", "Isfahan cultural week in Florence"),
        "description": Text(
            "نمایش صنایع دستی، موسیقی و معماری اصفهان در فلورانس.",
            "Isfahan's crafts, music and architecture shown in Florence.",
        ),
        "partner": Text("شهرداری فلورانس", "Comune di Firenze"),
        "area": "culture-tourism-media",
        "topic": "cultural-weeks",
        "lead_actors": ["municipality", "civil_society"],
        "lead_organisations": ["isfahan-international-affairs"],
        "partner_organisations": ["comune-di-firenze"],
        "status": "in_progress",
        "progress": 40,
        "start_days": -30,
        "due_days": 120,
    },
    {
        "title": Text("نمایشگاه مشترک صنایع دستی", "Joint crafts exhibition"),
        "description": Text(
            "نمایشگاه تخصصی صنایع دستی دو شهر با همکاری اتاق‌های بازرگانی.",
            "A specialised crafts exhibition with both chambers of commerce.",
        ),
        "partner": Text("اتاق بازرگانی فلورانس", "Camera di Commercio di Firenze"),
        "area": "economy-trade",
        "topic": "specialised-exhibitions",
        "lead_actors": ["private_sector"],
        "lead_organisations": ["isfahan-chamber-of-commerce"],
        "partner_organisations": ["camera-di-commercio-di-firenze"],
        "status": "planned",
        "progress": 0,
        "start_days": 60,
        "due_days": 240,
    },
    {
        "title": Text("گروه پژوهشی حفاظت از بافت تاریخی", "Research group on historic centres"),
        "description": Text(
            "گروه پژوهشی مشترک دانشگاه‌ها درباره حفاظت از بافت تاریخی شهر.",
            "A joint university research group on conserving historic centres.",
        ),
        "partner": Text("دانشگاه فلورانس", "Università degli Studi di Firenze"),
        "area": "science-universities",
        "topic": "joint-research-groups",
        "lead_actors": ["university"],
        "lead_organisations": ["isfahan-universities-consortium"],
        "partner_organisations": ["universita-di-firenze"],
        "status": "done",
        "progress": 100,
        "start_days": -50,
        "due_days": -5,
    },
    {
        "title": Text("تبادل تجربه بازاریابی شهری", "City-marketing experience exchange"),
        "description": Text(
            "کارگاه مشترک کارشناسان بازاریابی شهری با حضور شهروندان دیپلمات.",
            "A joint workshop of city-marketing experts with citizen diplomats.",
        ),
        "partner": Text("شهرداری فلورانس", "Comune di Firenze"),
        "area": "culture-tourism-media",
        "topic": "city-marketing",
        "lead_actors": ["municipality", "citizen_diplomats"],
        "lead_organisations": ["isfahan-international-affairs"],
        "partner_organisations": ["comune-di-firenze"],
        "status": "stalled",
        "progress": 20,
        "start_days": -20,
        "due_days": 60,
    },
    # The cooperation map's example of duplicated work: the friendship association plans
    # Florentine cultural days in Isfahan while the municipality's directorate runs Isfahan's
    # cultural week in Florence. Same city, same topic, two Isfahan leads: coordination needed.
    {
        "title": Text("روزهای فرهنگی فلورانس در اصفهان", "Florentine cultural days in Isfahan"),
        "description": Text(
            "نمایش فیلم، موسیقی و صنایع دستی فلورانس در خانه‌های تاریخی اصفهان.",
            "Florentine films, music and crafts in Isfahan's historic houses.",
        ),
        "partner": Text("شهرداری فلورانس", "Comune di Firenze"),
        "area": "culture-tourism-media",
        "topic": "cultural-weeks",
        "lead_actors": ["civil_society"],
        "lead_organisations": ["isfahan-florence-friendship-association"],
        "partner_organisations": ["comune-di-firenze"],
        "status": "planned",
        "progress": 0,
        "start_days": 30,
        "due_days": 150,
    },
)
