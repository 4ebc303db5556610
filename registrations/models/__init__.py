"""Citizen facilitators: applicants, applications, reviews, invitations and the audit trail.

These are plain Django models, never translated. Only ``registrations.services`` changes them.
"""

from .access_log import PersonalDataAccess
from .applicants import Applicant
from .applications import Application, ConsentRecord, ReferenceSequence
from .audit import AuditEntry
from .invitations import Invitation
from .mail_log import UnsolicitedMail
from .reviews import Review
from .session_notices import SessionAnnouncement

__all__ = [
    "Applicant",
    "Application",
    "AuditEntry",
    "ConsentRecord",
    "Invitation",
    "PersonalDataAccess",
    "ReferenceSequence",
    "Review",
    "SessionAnnouncement",
    "UnsolicitedMail",
]
