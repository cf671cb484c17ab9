"""The promise of ``dynamo-constructs migrate``, kept with the real terraform and provider on the emulator.

For each legacy configuration — the five seed modules written as Terraform, terraform-aws-modules
``dynamodb-table`` v4.4.0's ``basic``, ``autoscaling`` and ``global-tables`` examples — and for tables
made directly through the AWS API: items are written into every table; the tables are migrated (from
the old state, or from AWS); the generated app's plan imports every resource it adopts, with no create
of a table or replica, no replace, no delete and no change to any adopted table, and the review says so;
after the apply every item is still there and the re-plan is clean; the raw state file migrates to
the same app as ``terraform show -json``; and the old configuration, reduced
to its provider blocks plus the generated ``removed.tf``, plans no destroy.
"""

from __future__ import annotations

import json
import runpy
import shutil
from pathlib import Path
from typing import Any

from dynamo_constructs.migrate import Migration, from_aws_tables, from_state_file, write
from dynamo_constructs.review.plan_json import review_plan

import boto3
import cdktf  # the engine main.py imports App from (an alias of CDK Terrain's on that engine)
import pytest

from devtools.emulator.process import aws_env
from tests.support.deploy import DEPLOY_TIMES, WorkFolder
from tests.support.legacy import FIXTURES, LegacyModule, count_items, create_api_tables, managed_resources, write_items

ITEMS = 20
PLAN = "plan.bin"
ADOPTED = ("aws_dynamodb_table", "aws_dynamodb_table_replica")


def synthesize(app: Path) -> Path:
    """Run the generated ``main.py`` unchanged, in this process (its engine is up already: a
    ``python main.py`` would start another), and return its stack folder. Its ``App()`` writes to
    ``cdktf.out`` relative to the engine's working folder, which is this worker's: the App it
    imports is given the app's folder instead."""
    engine_app = cdktf.App

    def app_in_its_folder(**options: Any) -> Any:
        return engine_app(**{"outdir": str(app / "cdktf.out"), **options})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cdktf, "App", app_in_its_folder)
        runpy.run_path(str(app / "main.py"), run_name="__main__")
    return app / "cdktf.out" / "stacks" / "migrated"


def plan_changes(folder: WorkFolder) -> dict[str, Any]:
    """``terraform plan -out`` then ``show -json``: the saved plan as JSON."""
    folder.terraform("plan", f"-out={PLAN}")
    return json.loads(folder.terraform("show", "-json", PLAN).stdout)  # type: ignore[no-any-return]


def check_the_promise(migration: Migration, app: Path, workdir: Path, endpoint: str,
                      tables: dict[str, str], before: dict[str, int], times: dict[str, float]) -> None:
    """The generated app imports everything and changes nothing; applied, every item stays."""
    assert migration.left_out == [], [t.problems for t in migration.left_out]
    assert sorted(c.table.name for c in migration.moved) == sorted(tables)
    stack = synthesize(app)
    folder = WorkFolder(workdir, endpoint)
    workdir.mkdir(parents=True)
    for path in stack.iterdir():
        if path.is_file():
            (workdir / path.name).write_bytes(path.read_bytes())
    plan = plan_changes(folder)
    changes = {c["address"]: c for c in plan.get("resource_changes", []) if c["mode"] == "managed"}
    document = json.loads((stack / "cdk.tf.json").read_text())
    rendered = {f"{kind}.{name}" for kind, named in document["resource"].items() for name in named}
    imported = {address for address, c in changes.items() if c["change"].get("importing")}
    assert imported == rendered, f"not imported: {sorted(rendered - imported)}; imported but not rendered: {sorted(imported - rendered)}"
    for address, change in changes.items():
        actions = change["change"]["actions"]
        assert "delete" not in actions and "create" not in actions, f"{address}: {actions}"
        if change["type"] in ADOPTED:
            assert actions == ["no-op"], f"{address} would change: {actions}"
    report = review_plan(plan)
    assert not report.data_loss and not report.fails
    assert {c.address for c in report.changes if c.action.value == "no-op"} >= {a for a in rendered if a.split(".")[0] in ADOPTED}
    folder.terraform("apply", PLAN)
    folder.replan_clean()
    after = {name: count_items(endpoint, name, region) for name, region in tables.items()}
    assert after == before, "every item written before the migration is still there"


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_a_legacy_module_moves_onto_the_library_with_every_item(fixture: str, endpoint: str, tmp_path: Path) -> None:
    times = DEPLOY_TIMES.setdefault(f"migrate {fixture}", {})
    legacy = LegacyModule(fixture, tmp_path / "old", endpoint)
    legacy.apply()
    state = tmp_path / "state.json"
    document = legacy.state()
    state.write_text(json.dumps(document))  # what `terraform show -json > state.json` writes
    tables = {r["values"]["name"]: r["values"]["arn"].split(":")[3] for r in managed_resources(document)
              if r["type"] == "aws_dynamodb_table"}
    assert tables, f"{fixture} made no table"
    for name, region in tables.items():
        write_items(endpoint, name, region, ITEMS)
    before = {name: count_items(endpoint, name, region) for name, region in tables.items()}
    assert all(count >= ITEMS for count in before.values()), before

    migration = write(from_state_file(state), tmp_path / "app")
    # The raw state file (no `terraform show`, no initialized configuration needed) gives the same app.
    (tmp_path / "pulled").mkdir()
    shutil.copy(legacy.dir / "terraform.tfstate", tmp_path / "pulled" / "state.json")  # main.py names the file
    write(from_state_file(tmp_path / "pulled" / "state.json"), tmp_path / "app-raw")
    for written in ("main.py", "old-config/removed.tf"):
        assert (tmp_path / "app-raw" / written).read_text() == (tmp_path / "app" / written).read_text(), written
    check_the_promise(migration, tmp_path / "app", tmp_path / "new", endpoint, tables, before, times)

    removed = (tmp_path / "app" / "old-config" / "removed.tf").read_text()
    actions = legacy.keep_only_providers_and(removed)
    assert actions and set(actions.values()) == {"remove"}, f"the old configuration forgets, never destroys: {actions}"
    assert {name: count_items(endpoint, name, region) for name, region in tables.items()} == before


def test_tables_made_through_the_api_move_onto_the_library_with_every_item(endpoint: str, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    times = DEPLOY_TIMES.setdefault("migrate api tables", {})
    made = create_api_tables(endpoint)
    tables = dict.fromkeys(made.tables, "us-east-1")
    for name in made.tables:
        write_items(endpoint, name, "us-east-1", ITEMS)
    before = {name: count_items(endpoint, name, "us-east-1") for name in made.tables}
    for name, value in aws_env(endpoint).items():
        monkeypatch.setenv(name, value)
    session = boto3.session.Session(region_name="us-east-1")
    migration = write(from_aws_tables(session, "us-east-1", made.tables), tmp_path / "app")
    profiles = next(c for c in migration.codes if c.table.name == "legacy-api-profiles")
    replicas = {a.name: a.code.text for a in profiles.arguments}["replicas"]
    assert "contributor_insights=True" in replicas and 'kinesis_precision="MILLISECOND"' in replicas, replicas
    check_the_promise(migration, tmp_path / "app", tmp_path / "new", endpoint, tables, before, times)
