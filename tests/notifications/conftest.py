"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from tests.notifications.builders import (
    Receiver,
    _handler_for,
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A live receiver on an ephemeral port, stopped after the test."""
    recorder = Receiver(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(recorder))
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
