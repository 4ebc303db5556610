"""The consent text applicants agree to, and its version (stored with each consent record).

Change ``CONSENT_VERSION`` whenever the wording changes, so each record says what was shown.
The site's form and API clients show ``consent_text()``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11-v1"

CONSENT_TEXT = _(
    "I agree that Isfahan Municipality's General Directorate of Communications and "
    "International Affairs stores and processes the data in this form to review my "
    "application for the Citizen Diplomat programme and to contact me about it. Only the "
    "review committee sees it. I can withdraw at any time and ask for my data to be exported "
    "or erased; rejected and withdrawn applications are erased after the retention period."
)
ROSTER_TEXT = _(
    "If I take part in a session, my name and category may be listed publicly among the "
    "city's citizen diplomats."
)


def consent_text() -> str:
    return str(CONSENT_TEXT)
