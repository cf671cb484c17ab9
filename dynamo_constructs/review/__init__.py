"""Offline change review: what a change to synthesized Terraform JSON does to each table.

``dynamo-constructs review BEFORE AFTER`` (or :func:`review_paths`) compares two synthesized
configurations and says, for every resource address, the action ``terraform plan`` will take
(create, update, replace, destroy, move, forget, no-op), why, whether it loses data and whether
Terraform or AWS would refuse it, each finding with its fix;
``dynamo-constructs plan`` (:func:`review_plan`) says the same from ``terraform show -json``.

Plain standard library on JSON: nothing here imports the CDKTF engine, so it reviews any
CDKTF app's output, fast. Modules: ``config`` (read a document), ``evaluate`` (moves and
references), ``expressions``/``hcl`` (what is inside ``${...}``), ``provider_rules`` (the AWS
provider's force-new/Optional+Computed knowledge), ``diff`` (one resource), ``planner`` (every
address), ``safety`` (data loss), ``refusals`` (what Terraform or AWS refuses), ``fixes`` (how
to avoid each finding), ``documents`` (JSON documents compared), ``display`` (values in words),
``plan_json``, ``markdown``, ``commands`` (the CLI).
"""

from __future__ import annotations

from .inputs import InputError
from .markdown import plain_summary, render
from .model import Action, Change, Failure, FailureKind, Loss, LossKind, Report
from .plan_json import review_plan
from .reviewer import review_documents, review_paths

__all__ = ["Action", "Change", "Failure", "FailureKind", "InputError", "Loss", "LossKind", "Report", "plain_summary",
           "render", "review_documents", "review_paths", "review_plan"]
