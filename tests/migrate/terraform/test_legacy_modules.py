"""Each legacy fixture applies on the emulator with the real terraform and provider, re-plans
clean, takes items into every table, and is forgotten — not destroyed — by the old configuration
reduced to its kept files plus a hand-written ``removed.tf`` (tests/migrate/probes/removed/). SLOW:
20-60 s per fixture; prints each fixture's timings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.legacy import FIXTURES, LEGACY, LegacyModule, count_items, managed_resources
from tests.support.paths import ROOT

pytestmark = pytest.mark.legacy_terraform

ITEMS = 30
REMOVED = ROOT / "tests" / "migrate" / "probes" / "removed"
DECLARED = re.compile(r'^resource\s+"(\w+)"\s+"(\w+)"', re.MULTILINE)


def kept_addresses(fixture: str) -> set[str]:
    """Root resources the fixture's kept.tf declares (they stay in the old configuration)."""
    kept = LEGACY / FIXTURES[fixture] / "kept.tf"
    return {f"{kind}.{name}" for kind, name in DECLARED.findall(kept.read_text())} if kept.is_file() else set()


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_legacy_module_is_forgotten_not_destroyed(fixture: str, endpoint: str, tmp_path: Path) -> None:
    legacy = LegacyModule(fixture, tmp_path, endpoint)
    legacy.apply()
    legacy.replan_clean()
    tables = legacy.tables()
    assert tables, f"{fixture} made no table"
    assert legacy.seed_items(ITEMS) == {t.name: ITEMS for t in tables}
    before = {t.name: count_items(endpoint, t.name, t.region) for t in tables}
    assert all(count >= ITEMS for count in before.values()), before

    addresses = {r["address"] for r in managed_resources(legacy.state())}
    kept = kept_addresses(fixture)
    assert kept <= addresses
    actions = legacy.keep_only_providers_and((REMOVED / f"{fixture}.tf").read_text())
    assert actions == dict.fromkeys(addresses - kept, "remove"), "everything but the kept files is forgotten"

    legacy.apply("forget")
    remaining = {r["address"] for r in managed_resources(legacy.state())}
    assert remaining == kept
    assert {t.name: count_items(endpoint, t.name, t.region) for t in tables} == before, "no item lost"
    print(f"{fixture}: " + ", ".join(f"{step} {t.wall:.1f}s wall {t.cpu:.1f}s cpu" for step, t in legacy.times.items()))
