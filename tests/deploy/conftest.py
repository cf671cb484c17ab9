"""The deploy lane: tests in an order that makes the lane's workers (``-n``) finish together; each
worker has one emulator, or all share the one ``make test`` starts (the tests' tables, keys and
vaults have names of their own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devtools.emulator.process import Emulator

# xdist hands each worker its next test before the current one starts (pytest needs it for
# teardown). With every test (``make test-deploy``) the prod stack's ~3 minutes of provider delays
# are paired with the shortest test; ``make test`` runs prod in a process of its own, and the
# shortest test goes last. The others follow longest first (CPU-seconds, measured), one at a time
# (--maxschedchunk=1), so the workers finish together: the last tests to start are the shortest.
PROD, PARTNER = "test_deploy_prod", "test_protections_refuse_a_destroy"
ORDER = (PROD, PARTNER, "test_deploy_dev_through_make_offline",
         "test_indexes_come_and_go_on_an_autoscaled_table_with_items_intact", "test_deploy_tour_analytics",
         "test_every_setting_reaches_the_live_table_on_and_off", "test_deploy_staging",
         "test_a_created_key_can_be_retired_safely", "test_the_quick_start_deploys_as_written",
         "test_renaming_a_construct_with_moved_from_keeps_the_table_and_its_items",
         "test_a_killed_apply_converges_with_adopt")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    order = list(ORDER)
    if any(str(nodeid).endswith(f"::{PROD}") for nodeid in config.getoption("deselect") or ()):
        order.remove(PARTNER)
        order.append(PARTNER)
    rank = {name: i for i, name in enumerate(order)}
    items.sort(key=lambda item: rank.get(item.name, len(rank)))


@pytest.fixture(scope="session", autouse=True)
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    """The worker's emulator, started first so it boots while the stacks are synthesized; under
    ``make test``, the one emulator the deploy lanes share."""
    started = Emulator.shared() or Emulator(tmp_path_factory.mktemp("emulator") / "emulator.log")
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="session")
def endpoint(emulator: Emulator) -> str:
    return emulator.endpoint()
