"""Application Auto Scaling tagging (TagResource, UntagResource, ListTagsForResource).

moto registers scalable targets but has no tag operations; the AWS provider reads a target's
tags after every refresh. Tags given to RegisterScalableTarget are kept too.
"""

from __future__ import annotations

import json
from typing import Any

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponses
from moto.core.exceptions import JsonRESTError

_tags: dict[str, dict[str, str]] = {}


class ResourceNotFound(JsonRESTError):
    def __init__(self, arn: str) -> None:
        super().__init__("ResourceNotFoundException", f"No scalable target found for ARN {arn}")


def _target_arns(handler: ApplicationAutoScalingResponses) -> dict[tuple[str, str, str], str]:
    backend = handler.applicationautoscaling_backend
    return {(t.service_namespace, t.resource_id, t.scalable_dimension): t.arn
            for targets in backend.targets.values() for t in targets.values()}


def _require(handler: ApplicationAutoScalingResponses, arn: str) -> None:
    if arn not in _target_arns(handler).values():
        raise ResourceNotFound(arn)


def install() -> None:
    original_register = ApplicationAutoScalingResponses.register_scalable_target

    def register_scalable_target(self: ApplicationAutoScalingResponses) -> Any:
        result = original_register(self)
        params = json.loads(self.body)
        key = (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])
        arn = _target_arns(self).get(key)
        if arn is not None and params.get("Tags"):
            _tags.setdefault(arn, {}).update(params["Tags"])
        return result

    def tag_resource(self: ApplicationAutoScalingResponses) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        _tags.setdefault(params["ResourceARN"], {}).update(params.get("Tags", {}))
        return "{}"

    def untag_resource(self: ApplicationAutoScalingResponses) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        for key in params.get("TagKeys", []):
            _tags.get(params["ResourceARN"], {}).pop(key, None)
        return "{}"

    def list_tags_for_resource(self: ApplicationAutoScalingResponses) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        return json.dumps({"Tags": _tags.get(params["ResourceARN"], {})})

    ApplicationAutoScalingResponses.register_scalable_target = register_scalable_target  # type: ignore[method-assign]
    ApplicationAutoScalingResponses.tag_resource = tag_resource  # type: ignore[attr-defined]
    ApplicationAutoScalingResponses.untag_resource = untag_resource  # type: ignore[attr-defined]
    ApplicationAutoScalingResponses.list_tags_for_resource = list_tags_for_resource  # type: ignore[attr-defined]
