"""Kinesis Data Streams: tags given to CreateStream.

API: CreateStream takes ``Tags`` (up to 50) and applies them with the stream; moto 5.2.5 drops
them, so the AWS provider (which sends the stream's tags, default tags included, in CreateStream)
would read no tags back and plan a change after every create.
"""

from __future__ import annotations

from typing import Any

from moto.kinesis.responses import KinesisResponse


def install() -> None:
    original_create = KinesisResponse.create_stream

    def create_stream(self: KinesisResponse) -> Any:
        result = original_create(self)
        tags = self._get_param("Tags")
        if tags:
            self.kinesis_backend.add_tags_to_stream(None, self._get_param("StreamName"), dict(tags))
        return result

    KinesisResponse.create_stream = create_stream  # type: ignore[method-assign]
