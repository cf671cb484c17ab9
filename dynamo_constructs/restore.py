"""Where a new table's data comes from: a point-in-time restore, an on-demand backup or an S3
import (closed value object).

``TableSource.point_in_time(...)`` renders ``restore_source_name`` or ``restore_source_table_arn``
with ``restore_date_time`` or ``restore_to_latest_time``; ``TableSource.backup(...)`` renders
``restore_backup_arn`` (``RestoreTableFromBackup``; hashicorp/aws >= 6.38.0, written as an
override: CDK for Terraform's bindings predate it); ``TableSource.s3_import(...)`` renders
``import_table``. All act only when Terraform *creates* the table: AWS creates the table from
the source, and later applies never read it again. Because the provider replaces the table when
the restore arguments change or the import block is removed, the table lists them in
``lifecycle.ignore_changes``: once created, editing ``source=`` (a restore time left out, say)
changes nothing. Deleting ``source=`` drops that list too, and the provider then replaces the
table (``prevent_destroy`` refuses it; ``dynamo-constructs review`` reports it): keep it. To
restore again, create a new table (a new name) from the source.

A restore time is checked against the source's point-in-time-recovery window at every synth
(``times``): once the table exists, leave ``restore_date_time`` out rather than keep it past the
window.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from ._values import ClosedValue, Unbound
from .names import (
    check_account_id,
    check_arn,
    check_bucket_name,
    check_resource_name,
    check_s3_prefix,
    check_same_partition,
    check_same_region,
    check_table_arn,
    check_utc_timestamp,
)
from .schema import TableSchema
from .times import check_recovery_time
from .validation import check, check_sequence, checked_arguments, coerce_enum, fail, is_literal

SOURCE_CONSTRUCTORS = "TableSource.point_in_time(...), TableSource.backup(...) or TableSource.s3_import(...)"
CSV_DELIMITERS = (",", "\t", ":", ";", "|", " ")  # ImportTable CsvOptions.Delimiter
MAX_CSV_HEADERS = 255  # CsvOptions.HeaderList
# What the table lists in lifecycle.ignore_changes once it has a source (see the module docstring).
RESTORE_ARGUMENTS = ("restore_source_name", "restore_source_table_arn", "restore_date_time", "restore_to_latest_time")
IMPORT_ARGUMENTS = ("import_table",)
BACKUP_ARGUMENTS = ("restore_backup_arn",)
# hashicorp/aws 6.38.0: "r/aws_dynamodb_table: add restore_backup_arn argument" (#47068).
BACKUP_RESTORE_VERSION = "6.38.0"
# An on-demand backup (made by CreateBackup, or by AWS Backup without its advanced DynamoDB features).
BACKUP_ARN = re.compile(r"^arn:(?P<partition>aws[a-z-]*):dynamodb:(?P<region>[a-z0-9-]+):\d{12}:"
                        r"table/[A-Za-z0-9_.-]{3,255}/backup/\d+-[0-9a-f]+$")


class ImportFormat(StrEnum):
    """The format of the files an S3 import reads (``TableSource.s3_import(input_format=...)``)."""

    DYNAMODB_JSON = "DYNAMODB_JSON"
    """DynamoDB JSON, one item per line (the default; what an export writes)."""
    CSV = "CSV"
    """CSV: every attribute a string; ``csv_delimiter`` and ``csv_header`` apply."""
    ION = "ION"
    """Amazon Ion text."""


class ImportCompression(StrEnum):
    """How the files of an S3 import are compressed (``TableSource.s3_import(compression=...)``)."""

    NONE = "NONE"
    """Uncompressed (the default)."""
    GZIP = "GZIP"
    """GZIP."""
    ZSTD = "ZSTD"
    """Zstandard."""


@runtime_checkable
class SourceTable(Protocol):
    """What a restore needs of a table object (a ``Table``, or a table another stack owns)."""

    @property
    def table_name(self) -> str: ...

    @property
    def arn_reference(self) -> str: ...

    @property
    def point_in_time_recovery(self) -> bool | None: ...

    @property
    def recovery_period_days(self) -> int | None: ...

    @property
    def schema(self) -> TableSchema | None: ...


@checked_arguments
class TableSource(ClosedValue, ABC):
    """The data a new table starts with (``Table(source=...)``): a point-in-time restore, an
    on-demand backup or an S3 import. ``TableSource(...)`` cannot be called directly.

    Every source acts only when Terraform creates the table; the table ignores later edits of
    its arguments. Deleting ``source=`` from a table that exists makes the provider replace it
    (``prevent_destroy`` refuses it, and ``dynamo-constructs review`` reports it): keep it. A restore
    time is checked against the source's PITR window at every synth, so once the table exists,
    leave ``restore_date_time`` out.
    """

    _constructors = SOURCE_CONSTRUCTORS

    @staticmethod
    def point_in_time(source: str | SourceTable, *, restore_date_time: str | None = None) -> TableSource:
        """Restore a table as it was at a point in time. The source needs point-in-time recovery.

        Args:
            source: The source table: its name, its ARN (needed across Regions; the table's
                partition) or a table object (a ``Table``, or ``Table.from_table_name/arn``).
            restore_date_time: The time to restore (RFC 3339 UTC, ``YYYY-MM-DDTHH:MM:SSZ``), within the
                source's PITR window (not in the future, not before now minus its recovery period).
                Default: the latest restorable time.
        """
        where = "TableSource.point_in_time"
        if restore_date_time is not None:
            check_utc_timestamp("restore_date_time", restore_date_time, where)
            if is_literal(restore_date_time):
                check_recovery_time("restore_date_time", restore_date_time, whose="the source table", where=where)
        if isinstance(source, SourceTable):
            return _PointInTime(source_name=None, source_arn=None, table=source, restore_date_time=restore_date_time)
        check(isinstance(source, str), "source", source, "expected a table name, a table ARN or a table", where)
        if isinstance(source, str) and is_literal(source) and source.startswith("arn:"):
            check_table_arn("source", source, where)
            return _PointInTime(source_name=None, source_arn=source, table=None, restore_date_time=restore_date_time)
        check_resource_name("source", source, where)
        return _PointInTime(source_name=source, source_arn=None, table=None, restore_date_time=restore_date_time)

    @staticmethod
    def backup(backup_arn: str) -> TableSource:
        """Restore an on-demand backup (hashicorp/aws >= 6.38.0). The new table has the backup's
        keys, indexes and items.

        Args:
            backup_arn: The backup's ARN, ``arn:aws:dynamodb:<region>:<account>:table/<name>/backup/<id>``,
                in the table's Region and partition (recovery points of AWS Backup's advanced DynamoDB
                backups restore through AWS Backup instead).
        """
        where = "TableSource.backup"
        check_arn("backup_arn", backup_arn, "expected an on-demand backup's ARN: arn:<partition>:dynamodb:<region>:"
                  "<account>:table/<table>/backup/<id> (recovery points of AWS Backup's advanced DynamoDB backups "
                  "restore through AWS Backup)", where, BACKUP_ARN)
        return _Backup(backup_arn=backup_arn)

    @staticmethod
    def s3_import(bucket: str, *, key_prefix: str | None = None, input_format: ImportFormat | str = ImportFormat.DYNAMODB_JSON,
                  compression: ImportCompression | str = ImportCompression.NONE, csv_delimiter: str | None = None,
                  csv_header: Sequence[str] | None = None, bucket_owner: str | None = None) -> TableSource:
        """Import the objects under ``s3://bucket/key_prefix`` into the new table (no local indexes:
        ImportTable cannot create them).

        Args:
            bucket: The S3 bucket's name (S3's naming rules).
            key_prefix: Only objects under this prefix. Default: the whole bucket.
            input_format: ``ImportFormat.DYNAMODB_JSON``, ``CSV`` or ``ION`` (or their strings).
            compression: ``ImportCompression.NONE``, ``GZIP`` or ``ZSTD`` (or their strings).
            csv_delimiter: CSV only: one of ``,`` (the default), tab, ``:``, ``;``, the vertical bar or space.
            csv_header: CSV only: the column names (1-255, each once, the table's key attributes
                among them) when the files have no header line. Default: the files' first line.
            bucket_owner: The 12-digit account ID that owns the bucket, when it is not this one.
        """
        where = "TableSource.s3_import"
        if is_literal(bucket):
            check_bucket_name("bucket", bucket, where)
        if key_prefix is not None:
            check_s3_prefix("key_prefix", key_prefix, where)
        fmt = coerce_enum("input_format", ImportFormat, input_format, where)
        packed = coerce_enum("compression", ImportCompression, compression, where)
        header: tuple[str, ...] | None = None
        if fmt is not ImportFormat.CSV:
            check(csv_delimiter is None, "csv_delimiter", csv_delimiter, "CSV options apply to input_format='CSV' only",
                  where)
            check(csv_header is None, "csv_header", csv_header, "CSV options apply to input_format='CSV' only", where)
        if csv_delimiter is not None:
            check(csv_delimiter in CSV_DELIMITERS, "csv_delimiter", csv_delimiter,
                  "expected one of ',', '\\t', ':', ';', '|' or ' ' (ImportTable's CSV delimiters)", where)
        if csv_header is not None:
            header = check_sequence("csv_header", csv_header, "of column names", where)
            check(0 < len(header) <= MAX_CSV_HEADERS, "csv_header", f"{len(header)} columns",
                  f"expected 1-{MAX_CSV_HEADERS} column names", where)
            for position, name in enumerate(header):
                check(isinstance(name, str) and 0 < len(name) <= 65536, f"csv_header[{position}]", name,
                      "expected a non-empty column name (a string)", where)
            check(len(set(header)) == len(header), "csv_header", list(header), "each column once", where)
        if bucket_owner is not None:
            check_account_id("bucket_owner", bucket_owner, where)
        return _S3Import(bucket=bucket, key_prefix=key_prefix, input_format=fmt, compression=packed,
                         csv_delimiter=csv_delimiter, csv_header=header, bucket_owner=bucket_owner)

    @property
    def is_import(self) -> bool:
        """Whether the source is an S3 import (False: a restore)."""
        return isinstance(self, _S3Import)

    @property
    def is_restore(self) -> bool:
        """A restore (of a table's point in time or a backup): the table gets its source's indexes."""
        return not self.is_import

    @property
    def provider_feature(self) -> tuple[str, str] | None:
        """(argument, hashicorp/aws version) when this source needs a provider newer than 5.100."""
        return None

    @property
    @abstractmethod
    def ignored_arguments(self) -> tuple[str, ...]:
        """The table arguments this source renders (listed in ``ignore_changes``)."""

    @abstractmethod
    def check_against(self, schema: TableSchema, region: str | None = None) -> None:
        """The rules between the new table and its source (raises without a path; the table calls it).

        Args:
            schema: The new table's keys and indexes.
            region: The new table's Region, when known at synth.
        """

    @abstractmethod
    def _render(self) -> dict[str, Any]:
        """The ``aws_dynamodb_table`` arguments."""


@dataclass(frozen=True, repr=False)
class _PointInTime(TableSource):
    _spelling = "TableSource.point_in_time"
    source_name: str | None
    source_arn: str | None
    table: SourceTable | None
    restore_date_time: str | None

    @property
    def ignored_arguments(self) -> tuple[str, ...]:
        return RESTORE_ARGUMENTS

    def check_against(self, schema: TableSchema, region: str | None = None) -> None:
        if self.source_arn is not None:
            check_same_partition("source", self.source_arn, region,
                                 "a point-in-time restore may cross Regions, not partitions")
        source = self.table.schema if self.table is not None else None
        if self.table is None or source is None:
            return  # a name, an ARN or a table another stack owns: nothing to compare
        name = self.table.table_name
        check(bool(self.table.point_in_time_recovery), "source", name,
              f"the source table {name!r} has point_in_time_recovery off; there is nothing to restore from")
        if self.restore_date_time is not None and is_literal(self.restore_date_time):
            check_recovery_time("restore_date_time", self.restore_date_time, recovery_days=self.table.recovery_period_days,
                                whose=f"the source table {name!r}")
        for label, mine, their_key in (("partition_key", schema.partition_key, source.partition_key),
                                       ("sort_key", schema.sort_key, source.sort_key)):
            check(mine == their_key, label, mine, f"a restored table has its source's keys ({label} of {name!r}: {their_key})")
        source_gsis = {i.name: i for i in source.global_indexes}
        for index in schema.global_indexes:
            theirs = source_gsis.get(index.name)
            check(theirs is not None and theirs.keys == index.keys, "global_indexes", index.name,
                  f"a restore keeps or drops the source's indexes, it cannot add or re-key one; {name!r} has "
                  f"{sorted(source_gsis) or 'no global indexes'}")
        source_lsis = {i.name: i for i in source.local_indexes}
        for lsi in schema.local_indexes:
            theirs_lsi = source_lsis.get(lsi.name)
            check(theirs_lsi is not None and theirs_lsi.sort_key == lsi.sort_key, "local_indexes", lsi.name,
                  f"a restore keeps or drops the source's local indexes; {name!r} has "
                  f"{sorted(source_lsis) or 'no local indexes'}")

    def _render(self) -> dict[str, Any]:
        args: dict[str, Any] = {}
        if self.table is not None:
            args["restore_source_table_arn"] = self.table.arn_reference
        elif self.source_arn is not None:
            args["restore_source_table_arn"] = self.source_arn
        else:
            args["restore_source_name"] = self.source_name
        if self.restore_date_time is not None:
            args["restore_date_time"] = self.restore_date_time
        else:
            args["restore_to_latest_time"] = True
        return args


@dataclass(frozen=True, repr=False)
class _Backup(TableSource):
    _spelling = "TableSource.backup"
    backup_arn: str

    @property
    def ignored_arguments(self) -> tuple[str, ...]:
        return BACKUP_ARGUMENTS

    @property
    def provider_feature(self) -> tuple[str, str] | None:
        return "restore_backup_arn", BACKUP_RESTORE_VERSION

    def check_against(self, schema: TableSchema, region: str | None = None) -> None:
        # Nothing to compare for a reference, or a table whose Region is known only at plan time.
        check_same_partition("source", self.backup_arn, region, "DynamoDB cannot restore a backup across partitions")
        check_same_region("source", self.backup_arn, region, "RestoreTableFromBackup restores in the backup's own "
                          "Region; copy the backup to the table's Region with AWS Backup first")

    def _render(self) -> dict[str, Any]:
        return {"restore_backup_arn": Unbound(self.backup_arn)}


@dataclass(frozen=True, repr=False)
class _S3Import(TableSource):
    _spelling = "TableSource.s3_import"
    bucket: str
    key_prefix: str | None
    input_format: ImportFormat
    compression: ImportCompression
    csv_delimiter: str | None
    csv_header: tuple[str, ...] | None
    bucket_owner: str | None

    @property
    def ignored_arguments(self) -> tuple[str, ...]:
        return IMPORT_ARGUMENTS

    def check_against(self, schema: TableSchema, region: str | None = None) -> None:
        # ImportTable's TableCreationParameters have no local secondary indexes: the imported table
        # would lack them and the next plan would replace it to add them.
        check(not schema.local_indexes, "local_indexes", [i.name for i in schema.local_indexes],
              "an S3 import cannot create local secondary indexes (ImportTable has no parameter for them)")
        if self.csv_header is not None:
            for key in schema.key_attributes:
                check(key in self.csv_header, "csv_header", list(self.csv_header),
                      f"the CSV columns must include the table's key attributes ({key!r} is missing)")

    def _render(self) -> dict[str, Any]:
        bucket: dict[str, Any] = {"bucket": self.bucket}
        if self.key_prefix is not None:
            bucket["key_prefix"] = self.key_prefix
        if self.bucket_owner is not None:
            bucket["bucket_owner"] = self.bucket_owner
        block: dict[str, Any] = {"input_format": self.input_format.value,
                                 "input_compression_type": self.compression.value, "s3_bucket_source": bucket}
        if self.input_format is ImportFormat.CSV and (self.csv_delimiter is not None or self.csv_header is not None):
            csv: dict[str, Any] = {}
            if self.csv_delimiter is not None:
                csv["delimiter"] = self.csv_delimiter
            if self.csv_header is not None:
                csv["header_list"] = list(self.csv_header)
            block["input_format_options"] = {"csv": csv}
        return {"import_table": block}


def check_source(field: str, source: object) -> TableSource | None:
    if source is None or isinstance(source, TableSource):
        return source
    fail(field, source, f"expected {SOURCE_CONSTRUCTORS} or None")
