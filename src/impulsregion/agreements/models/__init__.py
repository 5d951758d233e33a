"""Models of the association's work: statute, meetings, resolutions, admissions, agreements."""

from impulsregion.agreements.models.admissions import (
    AdmissionApplication,
    RegisterFiling,
    RotationEntry,
)
from impulsregion.agreements.models.agreements import (
    Agreement,
    AgreementParty,
    CostInput,
    CostStatement,
    CostYear,
    FeeAssessment,
    StatementLine,
)
from impulsregion.agreements.models.meetings import (
    AgendaItem,
    Attendance,
    Body,
    Document,
    Meeting,
    MinutesVersion,
    Resolution,
    Statute,
    Vote,
)

__all__ = [
    "AdmissionApplication",
    "AgendaItem",
    "Agreement",
    "AgreementParty",
    "Attendance",
    "Body",
    "CostInput",
    "CostStatement",
    "CostYear",
    "Document",
    "FeeAssessment",
    "Meeting",
    "MinutesVersion",
    "RegisterFiling",
    "Resolution",
    "RotationEntry",
    "StatementLine",
    "Statute",
    "Vote",
]
