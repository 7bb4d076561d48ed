"""Polku's domain models, one module per concern."""

from .access import AccessLogEntry
from .attendance import AttendanceDay
from .clients import Client, SelfAssessment
from .competence import CompetenceRecord
from .feedback import ClientFeedback
from .geo import Municipality, Region
from .jobs import Job, JobEvent, JobOffer, JobProgress, JobStatus, JobWorkDay
from .money import (
    ConnectedAccount,
    JobPayment,
    JobRefund,
    JobTransfer,
    LedgerAccount,
    LedgerEntry,
    LedgerLine,
    StripeEvent,
    WorkShareAllocation,
)
from .network import NetworkActor, NetworkMeeting, NetworkPlan, NetworkTask
from .notifications import Notification, NotificationKind
from .organisations import Organisation
from .placements import Placement, PlacementEvent, PlacementPeriod
from .search import SearchTerm
from .sites import LearningUnit, SiteCapacity, WorkSite
from .terms import Term
from .users import User
from .workflow import RegionApprovalTask

__all__ = [
    "AccessLogEntry",
    "AttendanceDay",
    "Client",
    "ClientFeedback",
    "CompetenceRecord",
    "NetworkActor",
    "NetworkMeeting",
    "NetworkPlan",
    "NetworkTask",
    "Placement",
    "PlacementEvent",
    "PlacementPeriod",
    "SelfAssessment",
    "LearningUnit",
    "Municipality",
    "Notification",
    "NotificationKind",
    "Organisation",
    "Region",
    "RegionApprovalTask",
    "SearchTerm",
    "SiteCapacity",
    "Term",
    "User",
    "WorkSite",
    "ConnectedAccount",
    "Job",
    "JobEvent",
    "JobOffer",
    "JobPayment",
    "JobProgress",
    "JobRefund",
    "JobStatus",
    "JobTransfer",
    "JobWorkDay",
    "LedgerAccount",
    "LedgerEntry",
    "LedgerLine",
    "StripeEvent",
    "WorkShareAllocation",
]
