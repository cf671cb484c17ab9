"""Regenerate ``dynamo_constructs/_regions.py``: the regions where DynamoDB has an endpoint, per
partition, from botocore's endpoint data (``botocore/data/endpoints.json``).

Run: ``make regions`` (or ``.venv/bin/python devtools/regions.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "dynamo_constructs" / "_regions.py"


def dynamodb_regions() -> tuple[str, dict[str, list[str]]]:
    """(botocore version, partition -> sorted DynamoDB regions) from the installed botocore."""
    import botocore

    data = json.loads((Path(botocore.__file__).parent / "data" / "endpoints.json").read_text())
    found: dict[str, list[str]] = {}
    for partition in data["partitions"]:
        endpoints = partition["services"].get("dynamodb", {}).get("endpoints", {})
        regions = sorted(r for r, e in endpoints.items() if r in partition["regions"] and not e.get("deprecated"))
        if regions:
            found[partition["partition"]] = regions
    return botocore.__version__, found


def render(version: str, regions: dict[str, list[str]]) -> str:
    lines = [
        '"""Regions where DynamoDB has an endpoint, per partition. Generated; do not edit.',
        "",
        f"Source: botocore {version}, ``botocore/data/endpoints.json`` (service ``dynamodb``).",
        "Regenerate with ``make regions``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f'SOURCE_BOTOCORE_VERSION = "{version}"',
        "",
        "DYNAMODB_REGIONS: dict[str, tuple[str, ...]] = {",
    ]
    for partition, names in sorted(regions.items()):
        lines.append(f'    "{partition}": (')
        lines.extend(f'        "{name}",' for name in names)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    TARGET.write_text(render(*dynamodb_regions()))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
