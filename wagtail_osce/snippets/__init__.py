"""Reference-data snippets: the organisation's States, partners, bodies and taxonomies."""

from .chairpersonships import Chairpersonship
from .countries import ParticipatingState, Partner
from .structures import Structure
from .taxonomy import FieldOfWork, MeetingSeries

__all__ = [
    "Chairpersonship",
    "FieldOfWork",
    "MeetingSeries",
    "ParticipatingState",
    "Partner",
    "Structure",
]
