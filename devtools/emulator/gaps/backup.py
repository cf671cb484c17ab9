"""AWS Backup selections (Create/Get/Delete/ListBackupSelections), absent from moto."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import unquote

from moto.backup.responses import BackupResponse
from moto.core.exceptions import JsonRESTError

# (account, region) -> plan id -> selection id -> record
_selections: dict[tuple[str, str], dict[str, dict[str, dict[str, Any]]]] = {}


class ResourceNotFound(JsonRESTError):
    code = 404

    def __init__(self, message: str) -> None:
        super().__init__("ResourceNotFoundException", message)


class InvalidParameterValue(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InvalidParameterValueException", message)


def _plan_and_selection(handler: BackupResponse) -> tuple[str, str | None]:
    parts = handler.path.split("/plans/", 1)[1].strip("/").split("/")
    # <plan id>/selections[/<selection id>]
    return parts[0], (parts[2] if len(parts) > 2 else None)


def _plan_selections(handler: BackupResponse, plan_id: str) -> dict[str, dict[str, Any]]:
    if plan_id not in handler.backup_backend.plans or getattr(handler.backup_backend.plans[plan_id], "deletion_date", None):
        raise ResourceNotFound(f"Failed reading backup plan {plan_id}: not found")
    return _selections.setdefault((handler.current_account, handler.region), {}).setdefault(plan_id, {})


def install() -> None:
    def create_backup_selection(self: BackupResponse) -> str:
        plan_id, _ = _plan_and_selection(self)
        selections = _plan_selections(self, plan_id)
        params = json.loads(self.body)
        selection = params.get("BackupSelection") or {}
        for required in ("SelectionName", "IamRoleArn"):
            if not selection.get(required):
                raise InvalidParameterValue(f"BackupSelection.{required} is required")
        if any(s["BackupSelection"]["SelectionName"] == selection["SelectionName"] for s in selections.values()):
            raise JsonRESTError("AlreadyExistsException", f"Selection {selection['SelectionName']} already exists")
        selection_id = str(uuid.uuid4())
        record = {
            "BackupSelection": selection,
            "SelectionId": selection_id,
            "BackupPlanId": plan_id,
            "CreationDate": time.time(),
            "CreatorRequestId": params.get("CreatorRequestId"),
        }
        selections[selection_id] = record
        return json.dumps({"SelectionId": selection_id, "BackupPlanId": plan_id, "CreationDate": record["CreationDate"]})

    def get_backup_selection(self: BackupResponse) -> str:
        plan_id, selection_id = _plan_and_selection(self)
        record = _plan_selections(self, plan_id).get(selection_id or "")
        if record is None:
            raise ResourceNotFound(f"Selection {selection_id} not found in plan {plan_id}")
        return json.dumps(record)

    def delete_backup_selection(self: BackupResponse) -> str:
        plan_id, selection_id = _plan_and_selection(self)
        if _plan_selections(self, plan_id).pop(selection_id or "", None) is None:
            raise ResourceNotFound(f"Selection {selection_id} not found in plan {plan_id}")
        return "{}"

    def list_backup_selections(self: BackupResponse) -> str:
        plan_id, _ = _plan_and_selection(self)
        items = [{"SelectionId": r["SelectionId"], "SelectionName": r["BackupSelection"]["SelectionName"],
                  "BackupPlanId": plan_id, "CreationDate": r["CreationDate"], "IamRoleArn": r["BackupSelection"]["IamRoleArn"],
                  "CreatorRequestId": r["CreatorRequestId"]} for r in _plan_selections(self, plan_id).values()]
        return json.dumps({"BackupSelectionsList": items})

    original_delete_plan = BackupResponse.delete_backup_plan

    def delete_backup_plan(self: BackupResponse) -> Any:
        plan_id = self.path.rstrip("/").split("/")[-1]
        if _selections.get((self.current_account, self.region), {}).get(plan_id):
            raise JsonRESTError("InvalidRequestException",
                                "Related backup plan selections must be deleted prior to backup plan deletion")
        return original_delete_plan(self)

    def list_tags(self: BackupResponse) -> str:
        # moto takes the second-to-last path segment, which only works with a trailing slash;
        # the Go SDK (so the Terraform provider) sends none, and tags appear to vanish.
        arn = unquote(self.path.split("/tags/", 1)[1].split("?", 1)[0].rstrip("/"))
        return json.dumps({"Tags": self.backup_backend.list_tags(resource_arn=arn)})

    BackupResponse.list_tags = list_tags  # type: ignore[method-assign]
    BackupResponse.create_backup_selection = create_backup_selection  # type: ignore[attr-defined]
    BackupResponse.get_backup_selection = get_backup_selection  # type: ignore[attr-defined]
    BackupResponse.delete_backup_selection = delete_backup_selection  # type: ignore[attr-defined]
    BackupResponse.list_backup_selections = list_backup_selections  # type: ignore[attr-defined]
    BackupResponse.delete_backup_plan = delete_backup_plan  # type: ignore[method-assign]
