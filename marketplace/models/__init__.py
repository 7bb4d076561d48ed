"""Polku's domain models, one module per concern."""

from .geo import Municipality, Region
from .organisations import Organisation
from .sites import LearningUnit, SiteCapacity, WorkSite
from .terms import Term
from .users import User
from .workflow import RegionApprovalTask

__all__ = [
    "LearningUnit",
    "Municipality",
    "Organisation",
    "Region",
    "RegionApprovalTask",
    "SiteCapacity",
    "Term",
    "User",
    "WorkSite",
]
