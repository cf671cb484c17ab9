"""Start moto's threaded server on loopback with the gap fillers installed, one request at a time.

moto's backends are plain Python objects without locks (getmoto/moto#372): a request that
iterates a backend's tables while another thread creates or deletes one can fail with a 500,
which the SDKs retry — harmless for a read, wrong for a retried update that had already
half-applied. The deploy lanes drive one shared emulator from several Terraform processes at
once, so requests are served one at a time; each takes milliseconds, and every wait of the
provider is on its own side."""

from __future__ import annotations

import io
import os
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

# Real accounts have the AWS-managed IAM policies (AWSBackupServiceRolePolicyForBackup, ...).
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from . import gaps
from .process import ERROR_LINE

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_listening(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"emulator did not listen on {HOST}:{port} within {timeout}s")


SLOW_SECONDS = 2.0  # a request served longer than this is logged (every other request waited for it)
TRACE_ENV = "EMULATOR_TRACE"  # set to 1: log every request (operation, client port, status, milliseconds)


def operation(environ: dict[str, Any]) -> str:
    """The API operation a request calls: the JSON protocols' ``X-Amz-Target``, the query protocol's
    ``Action`` (the form body is read and put back), else the method and path (REST protocols)."""
    if environ.get("HTTP_X_AMZ_TARGET"):
        return str(environ["HTTP_X_AMZ_TARGET"])
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length and str(environ.get("CONTENT_TYPE", "")).startswith("application/x-www-form-urlencoded"):
        raw = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(raw)
        action = urllib.parse.parse_qs(raw.decode("utf-8", "replace")).get("Action")
        if action:
            return f"{action[0]} (query)"
    return f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"


class OneAtATime:
    """A WSGI application that serves one request at a time, its response read in full before
    the next begins. Every 4xx/5xx answer is logged on one line with the operation and the error
    body, so a failed test's emulator log says which call was refused and why; so is a request
    that held the others up (``SLOW_SECONDS``), and with ``EMULATOR_TRACE=1`` every request."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.trace = os.environ.get(TRACE_ENV) == "1"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        status: list[str] = []

        def recording(code: str, headers: Any, *rest: Any) -> Any:
            status.append(code)
            return start_response(code, headers, *rest)

        name = operation(environ)
        with self.lock:
            started = time.monotonic()
            result = self.app(environ, recording)
            try:
                body = list(result)
            finally:
                close = getattr(result, "close", None)  # WSGI: the server calls close() on what it got
                if close is not None:
                    close()
            seconds = time.monotonic() - started
        code = status[0] if status else "(no status)"
        if code[:1] in ("4", "5"):
            text = b"".join(body).decode("utf-8", "replace").replace("\n", " ")[:400]
            print(f"{ERROR_LINE} {code} to {name}: {text}", file=sys.stderr, flush=True)
        if self.trace or seconds > SLOW_SECONDS:
            print(f"emulator served {name} from port {environ.get('REMOTE_PORT')}: {code} in {seconds * 1000:.0f} ms",
                  file=sys.stderr, flush=True)
        return body


class SerializedMotoServer(ThreadedMotoServer):
    """moto's threaded server (connections on threads) with its application behind ``OneAtATime``."""

    def _server_entry(self) -> None:
        app = OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        self._server_ready_event.set()
        self._server.serve_forever()


def start(port: int = 0) -> ThreadedMotoServer:
    """A running server on 127.0.0.1 (a free port when ``port`` is 0)."""
    gaps.install()
    server = SerializedMotoServer(ip_address=HOST, port=port or free_port(), verbose=False)
    server.start()
    wait_until_listening(server.get_host_and_port()[1])
    return server
