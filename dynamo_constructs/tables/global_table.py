"""``GlobalTable`` (seeds 003 and 004): a table replicated to other regions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from constructs import Construct

from ..replicas import Replica
from ..streams import StreamViewType
from ..table import Table
from ..validation import check, checked_arguments, located


@checked_arguments
class GlobalTable(Table):
    """A multi-region, active-active table (global tables version 2019.11.21).

    Streams are always NEW_AND_OLD_IMAGES (replication needs them), so adding the first
    replica later changes nothing else; with no replicas it is a single-region table. Each
    replica gets its own KMS key in its region when the table uses a created customer-managed
    key; replica PITR and deletion protection follow the table unless the ``Replica`` says
    otherwise. Validation refuses a replica in the primary region, duplicate regions, and
    provisioned billing without autoscaled writes (AWS refuses those replicas).

    ``consistency="STRONG"`` (multi-Region strong consistency) makes the replicas the table's own
    ``replica`` blocks instead of ``aws_dynamodb_table_replica`` resources, since AWS creates them
    in one call; ``witness_region`` adds a witness (two replicas, or one and a witness). See
    ``replicas`` for AWS's rules; the stack then needs hashicorp/aws >= 6.3 (6.22 with a witness).

    Args:
        replicas: ``Replica(region=, provider=, ...)`` per replica Region; with none it is a single-Region
            table, ready for its first replica. Default: none.
        **settings: Any other ``Table`` argument (``partition_key=`` is required); ``stream`` may only be
            ``NEW_AND_OLD_IMAGES``.
    """

    def __init__(self, scope: Construct, id_: str, *, replicas: Sequence[Replica] = (), **settings: Any) -> None:
        stream = settings.pop("stream", StreamViewType.NEW_AND_OLD_IMAGES)
        with located(lambda: f"{scope.node.path}/{id_}"):
            check(stream in (StreamViewType.NEW_AND_OLD_IMAGES, StreamViewType.NEW_AND_OLD_IMAGES.value),
                  "stream", stream, "a GlobalTable's stream is NEW_AND_OLD_IMAGES")
        super().__init__(scope, id_, replicas=replicas, stream=StreamViewType.NEW_AND_OLD_IMAGES, **settings)
