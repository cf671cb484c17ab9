"""The killed-apply test's proxy: once an awaited create call is answered, the requests that
follow it up are held unanswered; everything else passes."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.holding_proxy import HoldingProxy


@pytest.fixture
def upstream() -> Iterator[str]:
    class Echo(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _echo(self) -> None:
            body = f"{self.command} {self.path} {self.headers.get('X-Amz-Target', '')}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = _echo

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def call(proxy: HoldingProxy, method: str, path: str, target: str = "", timeout: float = 5.0) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", int(proxy.endpoint.rsplit(":", 1)[1]), timeout=timeout)
    try:
        connection.request(method, path, body=b"{}", headers={"X-Amz-Target": target} if target else {})
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def test_once_an_awaited_call_is_answered_only_its_follow_ups_are_held(upstream: str) -> None:
    proxy = HoldingProxy(upstream, {"PUT /backup-vaults/x": "GET /backup-vaults/x",
                                    "DynamoDB_20120810.CreateTable": "DynamoDB_20120810."})
    try:
        assert call(proxy, "GET", "/backup-vaults/x") == "GET /backup-vaults/x ", "not held before its create"
        assert call(proxy, "PUT", "/backup-vaults/x") == "PUT /backup-vaults/x "
        assert not proxy.holding.is_set() and list(proxy.pending) == ["DynamoDB_20120810.CreateTable"]
        with pytest.raises(socket.timeout):
            call(proxy, "GET", "/backup-vaults/x", timeout=0.5)  # the vault's read-back: held
        assert call(proxy, "POST", "/", "TrentService.GetKeyPolicy") == "POST / TrentService.GetKeyPolicy", \
            "other resources' requests pass"
        assert call(proxy, "POST", "/", "DynamoDB_20120810.CreateTable") == "POST / DynamoDB_20120810.CreateTable"
        assert proxy.holding.is_set() and proxy.pending == {}
        with pytest.raises(socket.timeout):
            call(proxy, "POST", "/", "DynamoDB_20120810.DescribeTable", timeout=0.5)
        assert call(proxy, "GET", "/backup-plans/") == "GET /backup-plans/ "
    finally:
        proxy.close()
