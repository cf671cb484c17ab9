"""dynamo-constructs: typed, validated CDK constructs for Amazon DynamoDB, on CDK for Terraform or
CDK Terrain.

Importing the package turns on the provider import accelerator (``fast_import``) and nothing
else: the public names load their modules on first use, so the command-line tools
(``dynamo-constructs review``) never start the engine.
"""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import fast_import as _fast_import
from .node_runtime import quiet_end_of_life_banner as _quiet_end_of_life_banner

_quiet_end_of_life_banner()  # before jsii starts Node: no end-of-life banner on Node 20 (node_runtime.py)
_fast_import.install()  # before anything imports the provider bindings; DYNAMO_CONSTRUCTS_FAST_IMPORT=0 turns it off

if TYPE_CHECKING:  # the public API, listed once: names for type checkers, and for __getattr__ below
    from .access import AccessLevel as AccessLevel
    from .access import TableGrant as TableGrant
    from .backup import BackupSettings as BackupSettings
    from .backup import TableBackups as TableBackups
    from .billing import Billing as Billing
    from .billing import Capacity as Capacity
    from .consumer import StreamConsumer as StreamConsumer
    from .dashboard import TableDashboard as TableDashboard
    from .encryption import TableEncryption as TableEncryption
    from .errors import TableConfigError as TableConfigError
    from .exits import exit_on_config_error as exit_on_config_error
    from .export import ExportFormat as ExportFormat
    from .export import TableExport as TableExport
    from .index_form import IndexForm as IndexForm
    from .insights import ContributorInsightsMode as ContributorInsightsMode
    from .kms import ManagedKey as ManagedKey
    from .kms import ServiceKeyUse as ServiceKeyUse
    from .metrics import Metric as Metric
    from .monitoring import (
        AlarmSettings as AlarmSettings,
    )
    from .monitoring import (
        AlarmTopic as AlarmTopic,
    )
    from .monitoring import (
        TableAlarms as TableAlarms,
    )
    from .monitoring import (
        account_limit_alarms as account_limit_alarms,
    )
    from .monitoring import (
        user_errors_alarm as user_errors_alarm,
    )
    from .outputs import table_outputs as table_outputs
    from .principals import Principal as Principal
    from .profiles import DEV as DEV
    from .profiles import PROD as PROD
    from .profiles import PROFILES as PROFILES
    from .profiles import STAGING as STAGING
    from .profiles import EnvironmentProfile as EnvironmentProfile
    from .providers import (
        aws_provider as aws_provider,
    )
    from .providers import (
        local_state as local_state,
    )
    from .providers import (
        replica_provider as replica_provider,
    )
    from .providers import (
        require_aws_provider as require_aws_provider,
    )
    from .providers import (
        require_provider_version as require_provider_version,
    )
    from .refactor import forget as forget
    from .refactor import keep_on_move as keep_on_move
    from .replicas import MultiRegionConsistency as MultiRegionConsistency
    from .replicas import Replica as Replica
    from .resource_policy import PolicyStatement as PolicyStatement
    from .resource_policy import ResourcePolicy as ResourcePolicy
    from .restore import ImportCompression as ImportCompression
    from .restore import ImportFormat as ImportFormat
    from .restore import TableSource as TableSource
    from .schema import (
        Attribute as Attribute,
    )
    from .schema import (
        AttributeType as AttributeType,
    )
    from .schema import (
        GlobalSecondaryIndex as GlobalSecondaryIndex,
    )
    from .schema import (
        LocalSecondaryIndex as LocalSecondaryIndex,
    )
    from .schema import (
        Projection as Projection,
    )
    from .settings import TableClass as TableClass
    from .streaming import KinesisStreamingDestination as KinesisStreamingDestination
    from .streams import StreamViewType as StreamViewType
    from .table import Table as Table
    from .table_base import ExistingTable as ExistingTable
    from .table_base import TableBase as TableBase
    from .tables import AuditTrail as AuditTrail
    from .tables import BudgetTracking as BudgetTracking
    from .tables import GlobalTable as GlobalTable
    from .tables import JobsTable as JobsTable
    from .timeouts import Timeouts as Timeouts
    from .warm import WarmThroughput as WarmThroughput


def _public_api() -> dict[str, str]:
    """name -> module, read from the ``TYPE_CHECKING`` imports above: the API is listed once."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    return {alias.name: str(node.module) for node in block.body if isinstance(node, ast.ImportFrom)
            for alias in node.names}


_EXPORTS = _public_api()
__all__ = sorted(_EXPORTS)  # noqa: PLE0605 - derived from the one list above


def __getattr__(name: str) -> Any:
    """PEP 562: a public name's module is imported when the name is first used."""
    if name == "__version__":  # read once, on first use: the metadata look-up costs ~0.1 s
        globals()[name] = value = _installed_version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dynamo_constructs' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dynamo-constructs")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, "__version__"})
