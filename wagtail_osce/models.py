"""Django finds the app's models here; they live in ``snippets``, ``pages``, ``permissions`` and
``content_version``."""

from .content_version import ContentVersion
from .pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage
from .permissions.models import GroupLocalePermission
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
    "ContentVersion",
    "FieldOfWork",
    "GroupLocalePermission",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingSeries",
    "ParticipatingState",
    "Partner",
    "StoryIndexPage",
    "StoryPage",
    "Structure",
]
