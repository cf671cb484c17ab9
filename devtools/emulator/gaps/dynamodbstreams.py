"""DynamoDB Streams: describing a stream that has been disabled.

Once a table's stream is disabled (or replaced by re-enabling), the old stream stays readable
for 24 hours with StreamStatus DISABLED (Guide: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html,
"If you disable a stream, any shards that are open will be closed. The data in the stream will
continue to be readable for 24 hours."; API: https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_StreamDescription.html).
moto describes every ARN of the table as its current stream, and fails (500) once it is disabled.
"""

from __future__ import annotations

from typing import Any

from moto.dynamodbstreams.models import DynamoDBStreamsBackend


def install() -> None:
    original = DynamoDBStreamsBackend.describe_stream

    def describe_stream(self: DynamoDBStreamsBackend, arn: str) -> dict[str, Any]:
        table = self._get_table_from_arn(arn)
        label = arn.rsplit("/stream/", 1)[-1]
        current = (table.stream_specification or {}).get("StreamEnabled") and label == table.latest_stream_label
        if current:
            return original(self, arn)
        ended = getattr(table, "_emulator", {}).get("ended_streams", {})
        if label not in ended:
            from moto.dynamodb.exceptions import ResourceNotFoundException

            raise ResourceNotFoundException(f"Requested resource not found: Stream: {arn} not found")
        return {"StreamArn": arn, "StreamLabel": label, "StreamStatus": "DISABLED",
                "StreamViewType": ended[label]["StreamViewType"], "TableName": table.name, "KeySchema": table.schema,
                "Shards": []}

    DynamoDBStreamsBackend.describe_stream = describe_stream  # type: ignore[method-assign]
