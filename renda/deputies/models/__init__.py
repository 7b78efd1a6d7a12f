from .imports import ImportBatch
from .mandates import Mandate, MandateChange
from .organisation import Constituency, Delegation, DeputyGroup, ProfessionalGroup, Station, Term
from .people import Person

__all__ = [
    "Constituency",
    "Delegation",
    "DeputyGroup",
    "ImportBatch",
    "Mandate",
    "MandateChange",
    "Person",
    "ProfessionalGroup",
    "Station",
    "Term",
]
