"""How an app ends on a bad configuration: one line on stderr, exit status 1, no traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TableConfigError
from .validation import checked_arguments

TRACEBACK_ENV = "DYNAMO_CONSTRUCTS_TRACEBACK"


@checked_arguments
@contextmanager
def exit_on_config_error() -> Iterator[None]:
    """For an app's ``main``: a bad configuration prints one line to stderr and exits 1.

    Wrap everything that builds the app, not only ``app.synth()``: the library validates while
    constructs are made (``Table(...)`` raises), so a ``with`` block (or ``@exit_on_config_error()``
    on ``main``) must hold the construction too. The line is all the app writes, so ``python
    main.py`` shows it alone; ``cdktf synth``/``cdktn synth`` run the app as a child, log its
    stderr as it comes and repeat it in their failure summary ("Command output on stderr"), so
    there the same single line appears in both places, without a traceback.
    ``DYNAMO_CONSTRUCTS_TRACEBACK=1`` lets the exception (and its traceback) through instead.
    """
    try:
        yield
    except TableConfigError as error:
        if os.environ.get(TRACEBACK_ENV, "").strip().lower() in ("1", "true", "yes"):
            raise
        sys.stdout.flush()  # what the app printed before comes first
        print(f"error: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
