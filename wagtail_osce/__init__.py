"""The OSCE website's content model for Wagtail."""

__version__ = "0.1.0"
