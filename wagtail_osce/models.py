"""Django finds the app's models here; they live in ``snippets`` and ``pages``."""

from .pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage
from .snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

__all__ = [
    "Chairpersonship",
    "FieldOfWork",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingSeries",
    "ParticipatingState",
    "Partner",
    "StoryIndexPage",
    "StoryPage",
    "Structure",
]
