"""``python -m devtools.emulator [--port N]``: run the emulator in the foreground until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading

from .server import start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: pick a free one)")
    args = parser.parse_args(argv)
    server = start(port=args.port)
    host, port = server.get_host_and_port()
    print(f"emulator listening on http://{host}:{port}  (AWS_ENDPOINT_URL=http://{host}:{port})", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
