"""Masking recorded output: equal random values get equal placeholders, in order of appearance."""

from __future__ import annotations

import re

from devtools.masking import FIXED_TIME, mask


def test_uuids_timestamps_and_numbered_patterns_become_stable_placeholders() -> None:
    key_a, key_b = "9f1c7fce-919a-4c11-a66a-481e2bd3637f", "73ae173f-03f7-4e3d-b0cd-8fc5732df86c"
    text = (f"key/{key_b} alias->{key_b} other/{key_a} stream/2026-12-04T15:56:32.326811 at 2026-12-04T15:56:32Z "
            '"revision_id": "1796399792452780895" "revision_id": "1796400033507705904" "revision_id": "1796399792452780895"')
    masked = mask(text, [(re.compile(r'"revision_id": "(\d+)"'), "{:019d}")])
    assert masked == ("key/00000000-0000-4000-8000-000000000001 alias->00000000-0000-4000-8000-000000000001 "
                      f"other/00000000-0000-4000-8000-000000000002 stream/{FIXED_TIME} at {FIXED_TIME} "
                      '"revision_id": "0000000000000000001" "revision_id": "0000000000000000002" '
                      '"revision_id": "0000000000000000001"')
    assert mask(masked, [(re.compile(r'"revision_id": "(\d+)"'), "{:019d}")]) == masked, "masking is idempotent"
