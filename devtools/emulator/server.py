"""Start moto's threaded server on loopback with the gap fillers installed."""

from __future__ import annotations

import os
import socket
import time

# Real accounts have the AWS-managed IAM policies (AWSBackupServiceRolePolicyForBackup, ...).
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from . import gaps

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


def start(port: int = 0) -> ThreadedMotoServer:
    """A running server on 127.0.0.1 (a free port when ``port`` is 0)."""
    gaps.install()
    server = ThreadedMotoServer(ip_address=HOST, port=port or free_port(), verbose=False)
    server.start()
    wait_until_listening(server.get_host_and_port()[1])
    return server
