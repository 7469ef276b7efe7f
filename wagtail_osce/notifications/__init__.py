"""Telling others about changes: frontend-cache purges and signed webhooks, sent in the background."""
