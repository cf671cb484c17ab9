"""A loopback HTTP proxy in front of the emulator that stops answering a resource's follow-ups.

A killed ``terraform apply`` leaves resources in AWS that its state never recorded only when the
kill lands between AWS creating them and the provider reporting back. Racing a kill against that
window fails on a slow host (the provider reports first). The proxy makes the moment exact: once
AWS has answered an awaited create call, the requests that follow it up (the provider's read-back
and waits) are held unanswered, as a network that stops responding mid-apply; everything else
passes, so the other resources' creation goes on. The provider never finishes the awaited
resources, so none reaches the state; once every awaited call was answered (``holding``), the
test kills Terraform.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOLD_SECONDS = 300.0  # a held request is answered 503 after this long (every wait is bounded)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def matches(pattern: str, call: str, target: str) -> bool:
    """``pattern``: the start of an ``X-Amz-Target`` (JSON protocols: ``DynamoDB_20120810.``) or of
    ``"METHOD /path"`` (REST protocols: ``GET /backup-vaults/x``)."""
    return (bool(target) and target.startswith(pattern)) or call.startswith(pattern)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A killed client resets the connections of its held requests: expected, not reported."""


class HoldingProxy:
    """``endpoint``: the proxy's URL. ``awaited``: create call -> the follow-up requests to hold
    once AWS has answered it, both as ``matches`` patterns. ``holding`` is set once every awaited
    call was answered."""

    def __init__(self, upstream: str, awaited: Mapping[str, str]) -> None:
        self.upstream = urlsplit(upstream)
        self.pending = dict(awaited)
        self.held: list[str] = []  # patterns whose requests are now held
        self.holding = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def _classify(self, call: str, target: str) -> tuple[list[str], bool]:
        """The awaited calls this request is, and whether it is to be held."""
        with self._lock:
            awaited = [a for a in self.pending if matches(a, call, target)]
            return awaited, not awaited and any(matches(h, call, target) for h in self.held)

    def _answered(self, awaited: list[str]) -> None:
        with self._lock:
            for call in awaited:
                self.held.append(self.pending.pop(call))
            if not self.pending:
                self.holding.set()

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(self.upstream.hostname or "127.0.0.1", self.upstream.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                awaited, held = proxy._classify(f"{self.command} {self.path}", self.headers.get("X-Amz-Target", ""))
                if held:
                    proxy._release.wait(HOLD_SECONDS)
                    self._reply(503, [], b"held by the test's proxy")
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                status, response_headers, content = proxy._forward(self.command, self.path, headers, body)
                proxy._answered(awaited)  # AWS has done it, whether or not the caller hears back
                self._reply(status, response_headers, content)

            def _reply(self, status: int, headers: list[tuple[str, str]], content: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
                self.wfile.flush()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _relay

        return Handler
