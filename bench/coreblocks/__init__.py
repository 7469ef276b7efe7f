"""A page type of Wagtail's core blocks, the anchor bench/api.py measures Wagtail's v3 API on.

Installed only by ``bench/settings.py``: the package and the example site never see it.
"""
