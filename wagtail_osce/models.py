"""Django finds the app's models here; they live in ``snippets`` and ``pages``."""

from .snippets import (  # noqa: F401
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)
from .pages.models import *  # noqa: F401,F403
