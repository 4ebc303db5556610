"""Who works on what with which sister city: organisations and the tracked-item table."""

from .organisations import Organisation, OrganisationKind, OrganisationSide
from .tracked import TrackedItemOrganisation, TrackedItemRecord

__all__ = [
    "Organisation",
    "OrganisationKind",
    "OrganisationSide",
    "TrackedItemOrganisation",
    "TrackedItemRecord",
]
