"""Application Auto Scaling tagging (TagResource, UntagResource, ListTagsForResource).

moto registers scalable targets but has no tag operations; the AWS provider reads a target's
tags after every refresh. Tags given to RegisterScalableTarget are kept too.
"""

from __future__ import annotations

import json
from typing import Any

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import JsonRESTError

_tags: dict[str, dict[str, str]] = {}


class ResourceNotFound(JsonRESTError):
    def __init__(self, arn: str) -> None:
        super().__init__("ResourceNotFoundException", f"No scalable target found for ARN {arn}")


def _require(handler: ApplicationAutoScalingResponse, arn: str) -> None:
    backend = handler.applicationautoscaling_backend
    if arn not in {t.arn for targets in backend.targets.values() for t in targets.values()}:
        raise ResourceNotFound(arn)


def install() -> None:
    original_register = ApplicationAutoScalingResponse.register_scalable_target

    def register_scalable_target(self: ApplicationAutoScalingResponse) -> Any:
        result = original_register(self)
        tags = json.loads(self.body).get("Tags")
        if tags:
            _tags.setdefault(json.loads(result)["ScalableTargetARN"], {}).update(tags)
        return result

    def tag_resource(self: ApplicationAutoScalingResponse) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        _tags.setdefault(params["ResourceARN"], {}).update(params.get("Tags", {}))
        return "{}"

    def untag_resource(self: ApplicationAutoScalingResponse) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        for key in params.get("TagKeys", []):
            _tags.get(params["ResourceARN"], {}).pop(key, None)
        return "{}"

    def list_tags_for_resource(self: ApplicationAutoScalingResponse) -> str:
        params = json.loads(self.body)
        _require(self, params["ResourceARN"])
        return json.dumps({"Tags": _tags.get(params["ResourceARN"], {})})

    ApplicationAutoScalingResponse.register_scalable_target = register_scalable_target  # type: ignore[method-assign]
    ApplicationAutoScalingResponse.tag_resource = tag_resource  # type: ignore[attr-defined]
    ApplicationAutoScalingResponse.untag_resource = untag_resource  # type: ignore[attr-defined]
    ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource  # type: ignore[attr-defined]
