"""Locale-scoped permissions: which languages a group may change translatable snippets in.

``policy`` holds the rule (a Wagtail permission policy), ``models`` the grants,
``views`` the admin views that enforce it and ``forms`` the group panel that
edits it. Importing this package has no side effects; ``wagtail_hooks`` wires it.
"""
