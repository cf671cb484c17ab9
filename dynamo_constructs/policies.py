"""IAM and KMS policy documents as JSON strings.

References (ARNs and IDs of other resources) are engine tokens inside the strings; at synth
they become Terraform interpolations (``"${aws_dynamodb_table.t.arn}"``), so the synthesized
policy is a readable JSON document that tests and reviewers can parse, and building it needs
no call into the engine (``Fn.jsonencode`` would cost one per policy).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

VERSION = "2012-10-17"


def policy_json(statements: Sequence[Mapping[str, Any]]) -> str:
    """``{"Version": ..., "Statement": [...]}`` as a JSON string."""
    return json.dumps({"Version": VERSION, "Statement": list(statements)})
