"""examples/ci/review.sh, offline: a throw-away git repository whose "synth" copies a stack document,
the real review, and a loopback fake of the GitHub API — the comment body, the exit status for a
change that loses data and for a safe one, the comment posted once and then updated in place."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.review.docs import with_table
from tests.support.paths import ROOT

SCRIPT = ROOT / "examples" / "ci" / "review.sh"
MARKER = "<!-- dynamo-constructs-review: . -->"
TOKEN = "test-token"
# The app's "synth": its stack document copied where CDKTF would write it.
SYNTH = 'mkdir -p "$CDKTF_OUTDIR/stacks/app" && cp stack.json "$CDKTF_OUTDIR/stacks/app/cdk.tf.json"'

@dataclass
class FakeGitHub:
    """Issue comments of one pull request, as the REST API serves them (the subset the script uses)."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, Any] | None, str]] = field(default_factory=list)
    next_id: int = 100

    def handle(self, method: str, path: str, body: dict[str, Any] | None, auth: str) -> tuple[int, Any]:
        self.requests.append((method, path, body, auth))
        if auth != f"Bearer {TOKEN}":
            return 401, {"message": "Bad credentials"}
        url = urlsplit(path)
        if method == "GET" and url.path == "/repos/owner/app/issues/7/comments":
            page = int(dict(p.split("=") for p in url.query.split("&")).get("page", "1"))
            return 200, self.comments if page == 1 else []
        if method == "POST" and url.path == "/repos/owner/app/issues/7/comments" and body is not None:
            self.next_id += 1
            self.comments.append({"id": self.next_id, "body": body["body"]})
            return 201, self.comments[-1]
        if method == "PATCH" and url.path.startswith("/repos/owner/app/issues/comments/") and body is not None:
            wanted = int(url.path.rsplit("/", 1)[1])
            for comment in self.comments:
                if comment["id"] == wanted:
                    comment["body"] = body["body"]
                    return 200, comment
        return 404, {"message": "Not Found"}


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    fake = FakeGitHub()
    fake.comments.append({"id": 1, "body": "LGTM"})  # someone else's comment: never touched

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            status, payload = fake.handle(self.command, self.path, body, self.headers.get("Authorization", ""))
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the test reads the requests it recorded
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main branch holds the applied stack."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "ci@example.com")
    git(folder, "config", "user.name", "CI")
    (folder / "stack.json").write_text(json.dumps(with_table()))
    git(folder, "add", "stack.json")
    git(folder, "commit", "-q", "-m", "the applied stack")
    return folder


def run_recipe(repo: Path, tmp_path: Path, api: str | None, after: dict[str, Any]) -> tuple[int, str, str]:
    (repo / "stack.json").write_text(json.dumps(after))  # the pull request's head (the working tree)
    comment = tmp_path / "comment.md"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BASE_REF": "main", "SYNTH": SYNTH,
           "REVIEW": f"{sys.executable} -m dynamo_constructs.cli", "PYTHON": sys.executable,
           "REVIEW_COMMENT_FILE": str(comment), "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
           "PYTHONPATH": str(ROOT)}
    if api is not None:
        env |= {"GITHUB_API_URL": api, "GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "owner/app", "PR_NUMBER": "7"}
    done = subprocess.run(["sh", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    return done.returncode, comment.read_text() if comment.is_file() else "", done.stderr


def test_data_loss_fails_the_check_and_the_comment_says_why_and_how(repo: Path, tmp_path: Path,
                                                                   github: tuple[FakeGitHub, str]) -> None:
    fake, api = github
    status, body, stderr = run_recipe(repo, tmp_path, api, with_table(name="renamed"))
    assert status == 1, stderr
    lines = body.splitlines()
    assert lines[0] == MARKER
    assert lines[1] == "### dynamo-constructs review: main → this pull request"
    assert lines[3] == "**1 table replaced/destroyed — DATA LOSS**  "
    assert '**Fix:** keep the live name with table_name=\\"orders\\"' not in body  # no double escaping
    assert '**Fix:** keep the live name with table_name="orders"' in body
    assert "review: the change loses data (see the review)" in stderr
    posts = [r for r in fake.requests if r[0] == "POST"]
    assert [(p[1], p[2]) for p in posts] == [("/repos/owner/app/issues/7/comments", {"body": body})]
    assert all(r[3] == f"Bearer {TOKEN}" for r in fake.requests)


def test_a_later_push_updates_the_same_comment_and_a_safe_change_passes(repo: Path, tmp_path: Path,
                                                                       github: tuple[FakeGitHub, str]) -> None:
    fake, api = github
    assert run_recipe(repo, tmp_path, api, with_table(name="renamed"))[0] == 1
    (mine,) = [c for c in fake.comments if MARKER in c["body"]]
    status, body, stderr = run_recipe(repo, tmp_path, api, with_table(point_in_time_recovery={"enabled": True},
                                                                      tags={"team": "data"}))
    assert status == 0, stderr
    assert body.splitlines()[3] == "**No data loss.**  "
    assert [c["id"] for c in fake.comments] == [1, mine["id"]], "updated in place, no second comment"
    assert fake.comments[1]["body"] == body and fake.comments[0]["body"] == "LGTM"
    assert ("PATCH", f"/repos/owner/app/issues/comments/{mine['id']}", {"body": body}, f"Bearer {TOKEN}") \
        in fake.requests
    assert f"review: updated comment {mine['id']} on pull request #7" in stderr


def test_without_a_pull_request_it_only_writes_the_comment(repo: Path, tmp_path: Path) -> None:
    status, body, stderr = run_recipe(repo, tmp_path, None, with_table())
    assert status == 0 and body.splitlines()[0] == MARKER
    assert "not commenting" in stderr


def test_a_comment_that_cannot_be_posted_does_not_hide_the_verdict(repo: Path, tmp_path: Path,
                                                                   github: tuple[FakeGitHub, str]) -> None:
    fake, api = github
    fake.handle = lambda *args: (403, {"message": "Resource not accessible by integration"})  # type: ignore[method-assign]
    status, _, stderr = run_recipe(repo, tmp_path, api, with_table(name="renamed"))
    assert status == 1
    assert "review: warning: could not comment on pull request #7" in stderr


def test_a_synth_that_fails_is_exit_2(repo: Path, tmp_path: Path) -> None:
    (repo / "stack.json").unlink()
    git(repo, "rm", "-q", "--cached", "stack.json")
    git(repo, "commit", "-q", "-m", "no stack")
    status, _, stderr = run_recipe(repo, tmp_path, None, with_table())
    assert status == 2 and "review: synth failed" in stderr
