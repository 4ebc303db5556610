"""Organisations in Persian and English: the programme's named partners (BRIEF.md) and samples.

The four Isfahan partners are named by the roadmap: the municipality's directorate (the
executive secretariat), the Ministry of Foreign Affairs' office in Isfahan, the universities'
consortium with the Science and Technology Town, and the Isfahan Chamber of Commerce. The demo
adds a friendship association and Florence's partners, clearly sample content.
"""

from __future__ import annotations

from dataclasses import dataclass

from cities.seed.data import Text


@dataclass(frozen=True)
class OrganisationData:
    slug: str
    name: Text
    kind: str
    side: str = "isfahan"
    city: str = ""
    website: str = ""


DIRECTORATE = "isfahan-international-affairs"
MFA_OFFICE = "mfa-isfahan-office"
UNIVERSITIES = "isfahan-universities-consortium"
CHAMBER = "isfahan-chamber-of-commerce"

PARTNERS = (
    OrganisationData(
        DIRECTORATE,
        Text(
            "اداره کل ارتباطات و امور بین‌الملل شهرداری اصفهان",
            "Isfahan Municipality's General Directorate of Communications and International "
            "Affairs",
        ),
        "municipality_department",
        website="https://www.isfahan.ir/",
    ),
    OrganisationData(
        MFA_OFFICE,
        Text(
            "نمایندگی وزارت امور خارجه در اصفهان",
            "Ministry of Foreign Affairs representation office in Isfahan",
        ),
        "government_body",
    ),
    OrganisationData(
        UNIVERSITIES,
        Text(
            "کنسرسیوم همکاری‌های علمی بین‌المللی دانشگاه‌ها و شهرک علمی و تحقیقاتی اصفهان",
            "Universities' consortium for international scientific cooperation with the Isfahan "
            "Science and Technology Town",
        ),
        "university",
    ),
    OrganisationData(
        CHAMBER,
        Text("اتاق بازرگانی اصفهان", "Isfahan Chamber of Commerce"),
        "chamber_business",
    ),
)

FRIENDSHIP_ASSOCIATION = "isfahan-florence-friendship-association"
COMUNE_DI_FIRENZE = "comune-di-firenze"
CAMERA_FIRENZE = "camera-di-commercio-di-firenze"
UNIFI = "universita-di-firenze"

DEMO = (
    OrganisationData(
        FRIENDSHIP_ASSOCIATION,
        Text(
            "انجمن دوستی اصفهان و فلورانس (نمونه)",
            "Isfahan–Florence friendship association (sample)",
        ),
        "civil_society",
    ),
    OrganisationData(
        COMUNE_DI_FIRENZE,
        Text("شهرداری فلورانس", "Comune di Firenze"),
        "municipality_department",
        side="sister_city",
        city="florence",
        website="https://www.comune.fi.it/",
    ),
    OrganisationData(
        CAMERA_FIRENZE,
        Text("اتاق بازرگانی فلورانس", "Camera di Commercio di Firenze"),
        "chamber_business",
        side="sister_city",
        city="florence",
    ),
    OrganisationData(
        UNIFI,
        Text("دانشگاه فلورانس", "Università degli Studi di Firenze"),
        "university",
        side="sister_city",
        city="florence",
        website="https://www.unifi.it/",
    ),
)

LEAD_ACTOR_ORGANISATIONS = {
    "municipality": DIRECTORATE,
    "university": UNIVERSITIES,
    "private_sector": CHAMBER,
}
"""Lead-actor categories that name one of the programme's partners (the data migration's map)."""
