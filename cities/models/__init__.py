"""Programme content: regions, cooperation topics, city dossiers, sessions, Action Plans."""

from .action_plans import ActionPlanPage, ActionPlanSession, TrackedItem
from .cities import CityPartner, CityTopic, SisterCityIndexPage, SisterCityPage
from .sessions import SessionPage
from .snippets import CooperationArea, CooperationTopic, Region

__all__ = [
    "ActionPlanPage",
    "ActionPlanSession",
    "CityPartner",
    "CityTopic",
    "CooperationArea",
    "CooperationTopic",
    "Region",
    "SessionPage",
    "SisterCityIndexPage",
    "SisterCityPage",
    "TrackedItem",
]
