"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler

from wagtail_osce.conf import DEFAULTS
from wagtail_osce.notifications import webhooks

SECRET = "s3cret"


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Recorded:
    method: str
    path: str
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records every request and answers from a script."""

    url: str
    requests: list[Recorded] = field(default_factory=list)
    # Status codes to answer, in order, per path; once used up, 200.
    script: dict[str, list[int]] = field(default_factory=dict)

    def received(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and (path is None or r.path == path)
        ]


def _handler_for(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            receiver.requests.append(Recorded(self.command, self.path, self.headers, body))
            queue = receiver.script.get(self.path.split("?")[0]) or []
            status = queue.pop(0) if queue else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PURGE = do_GET = _record

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def unused_port() -> int:
    """A port nothing listens on, so connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure_webhooks(settings, monkeypatch, urls: list[str], **extra: object) -> None:
    """Point the webhooks at ``urls``, run tasks immediately and keep retry waits short."""
    conf: dict[str, object] = {
        "WEBHOOK_URLS": urls,
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_TIMEOUT": 2,
        "WEBHOOK_RETRIES": 2,
        **extra,
    }
    if "WEBHOOK_BACKOFF" in DEFAULTS:
        conf["WEBHOOK_BACKOFF"] = 0.01
    else:
        monkeypatch.setattr(webhooks, "DEFAULT_BACKOFF", 0.01)
    settings.TASKS = IMMEDIATE_TASKS
    settings.WAGTAIL_OSCE = conf
    if hasattr(settings, "WAGTAILFRONTENDCACHE"):
        del settings.WAGTAILFRONTENDCACHE
