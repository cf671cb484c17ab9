"""The emulator's server serves one request at a time (moto's backends hold no locks) and logs each
error answer with its operation and reason."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from devtools.emulator import server
from devtools.emulator.process import ERROR_LINE
from devtools.emulator.server import OneAtATime, operation


class Recorder:
    """A WSGI app that notes how many requests it serves at once and answers 400 for ``/bad``."""

    def __init__(self) -> None:
        self.active = 0
        self.most = 0
        self.closed = 0
        self.guard = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with self.guard:
            self.active += 1
            self.most = max(self.most, self.active)
        time.sleep(0.02)  # long enough for the other threads to arrive
        with self.guard:
            self.active -= 1
        bad = environ["PATH_INFO"] == "/bad"
        start_response("400 BAD REQUEST" if bad else "200 OK", [])
        recorder = self

        class Body(list[bytes]):
            def close(self) -> None:
                recorder.closed += 1

        return Body([b'{"__type": "ValidationException",\n', b'"message": "no"}'] if bad else [b"{}"])


def environ(path: str) -> dict[str, Any]:
    return {"PATH_INFO": path, "REQUEST_METHOD": "POST", "HTTP_X_AMZ_TARGET": "DynamoDB_20120810.UpdateTable"}


def test_requests_are_served_one_at_a_time_and_their_bodies_closed() -> None:
    app = Recorder()
    served = OneAtATime(app)
    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(lambda _: served(environ("/"), lambda *a: None), range(12)))
    assert bodies == [[b"{}"]] * 12
    assert app.most == 1, f"{app.most} requests were served at once"
    assert app.closed == 12


def test_an_error_answer_is_logged_with_its_operation_and_reason(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(server.TRACE_ENV, raising=False)  # only the error line
    OneAtATime(Recorder())(environ("/bad"), lambda *a: None)
    OneAtATime(Recorder())(environ("/"), lambda *a: None)
    logged = capsys.readouterr().err.splitlines()
    assert logged == [f'{ERROR_LINE} 400 BAD REQUEST to DynamoDB_20120810.UpdateTable: '
                      '{"__type": "ValidationException", "message": "no"}']


def test_a_query_protocol_request_is_named_by_its_action_and_its_body_still_read() -> None:
    body = b"Action=DeleteDashboards&Version=2010-08-01&DashboardNames.member.1=tour-dynamodb"
    request = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8", "wsgi.input": io.BytesIO(body)}
    assert operation(request) == "DeleteDashboards (query)"
    assert request["wsgi.input"].read() == body
    assert operation({"REQUEST_METHOD": "PUT", "PATH_INFO": "/backup-vaults/v"}) == "PUT /backup-vaults/v"


def test_a_request_that_holds_the_others_up_is_logged(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "SLOW_SECONDS", 0.01)
    OneAtATime(Recorder())({**environ("/"), "REMOTE_PORT": 50123}, lambda *a: None)
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("emulator served DynamoDB_20120810.UpdateTable from port 50123: 200 OK in ")
