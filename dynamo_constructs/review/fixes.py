"""How to avoid each finding, or do the change safely: the library's own way, one line each.

Every data-loss or failure finding carries one of these (``Loss.fix``, ``Failure.fix``), so a
reviewer reads what to write instead, not only what goes wrong. The lines name the library's
arguments and helpers (``moved_from=``, ``retain_previous_key=True``, ``forget(...)``,
``Billing.UNLIMITED``, ``time_to_live_enabled=False``) and its two-step sequences; one place
holds them so the configuration review and the plan review say the same.
"""

from __future__ import annotations

from collections.abc import Iterable

TWO_STEPS = ("do it in two steps: add the new Table beside this one (its own construct and table_name) and copy "
             "the items, then remove the old one (or forget(...) it to keep it)")
KEY_CHANGE = f"a table's keys cannot change in place; {TWO_STEPS}"
LSI_CHANGE = f"local secondary indexes are made with the table only; {TWO_STEPS}"
CREATE_ONLY = ("restore and import settings only make a table: leave them as they were once the table exists "
               "(a new restore or import is a new Table)")
WARM_LOWER = "a table's warm throughput only goes up in place: keep the higher value"
KNOCK_ON = "this follows from another resource's replacement (see the reasons): avoid that one"
KEEP_AS_WAS = "keep what forces the replacement as it was (see the reasons)"
FORGET = ("to stop managing the table but keep it: forget(table) for one apply, then delete the code; to delete it "
          "on purpose, apply deletion_protection=False and prevent_destroy=False first")
FORGET_NOT_DESTROY = "forget(...) (a removed block with destroy = false) keeps the live table"
KEY_RETAINED = ("switch keys with retain_previous_key=True: the old key stays (unused) for the restore points and "
                "backups made under it; drop the flag once the PITR window and backup retention have passed")
KEY_WITH_ITS_TABLES = ("the key goes with the tables it encrypts, and backups made under it (AWS Backup copies "
                       "included) cannot be restored without it: forget(...) the tables with their key instead of "
                       "destroying them if a backup must stay restorable")
KEY_ENABLED = "keep the key enabled while anything uses it: move the table to another key first (retain_previous_key=True)"
PITR_KEPT = "keep point_in_time_recovery=True (the default); to turn it off anyway, take a backup first"
PROTECTION_KEPT = ("keep deletion_protection=True (the default); turn it off only in the apply just before a "
                   "deliberate delete")
PREVENT_DESTROY_KEPT = "keep prevent_destroy=True (the default); turn it off only for a deliberate delete"
BACKUPS_KEPT = "keep the table in TableBackups(tables=[...])"
VAULT_KEPT = ("keep the TableBackups vault while its recovery points are needed (take a table out of tables= to stop "
              "new backups)")
RECOVER = ("do not apply this plan: restore the table from PITR or a backup (README: Recovering), then plan "
           "again")
INDEX_MAINTENANCE = ("the table ignores global_secondary_index (autoscaled indexes with index_maintenance=False): "
                     "leave index_maintenance on (the default) for this change, so Terraform manages the indexes "
                     "with the live capacities read at plan time")
ATTRIBUTES = "define an attribute for each key of the table and its indexes, and no other (Table derives them)"
TTL_OFF = ("keep time_to_live_attribute and set time_to_live_enabled=False (AWS needs the attribute's name to "
           "turn TTL off)")
PROTECTED_DELETE = ("to delete the table on purpose, apply deletion_protection=False first; to keep it, forget(...) "
                    "it instead")
REMOVED_CONFIGURED = "take the resource out of the configuration in the same change: forget(...) does both"

# Arguments a table ignores (lifecycle.ignore_changes) whose change a user usually means to reach AWS.
IGNORED = {
    "global_secondary_index": "leave index_maintenance on (the Table's default) to let index changes through",
}

# Optional+Computed arguments that keep the live value when omitted: how to switch each one off.
SWITCH_OFF = {
    "ttl": "to turn TTL off: time_to_live_enabled=False",
    "server_side_encryption": "back to the AWS-owned key: TableEncryption.aws_owned(), rendered as enabled = false",
    "server_side_encryption.kms_key_arn": "back to the AWS-owned key: TableEncryption.aws_owned()",
    "point_in_time_recovery": "to turn PITR off: point_in_time_recovery=False",
    "point_in_time_recovery.recovery_period_in_days": "set recovery_period_days=<days>",
    "on_demand_throughput.max_read_request_units": "to remove a cap: Billing.UNLIMITED for one apply, then leave it out",
    "on_demand_throughput.max_write_request_units": "to remove a cap: Billing.UNLIMITED for one apply, then leave it out",
    "stream_view_type": "to turn the stream off: leave stream unset (rendered as stream_enabled = false)",
}


def key_deleted(users_stay: bool) -> str:
    """A key deleted while tables that used it stay (a one-step key switch), or together with them."""
    return KEY_RETAINED if users_stay else KEY_WITH_ITS_TABLES


def replaced(attributes: Iterable[str], old_name: object = None) -> str:
    """The fix for a table or replica replaced because of ``attributes`` (root names)."""
    causes = set(attributes)
    if causes & {"hash_key", "range_key"}:
        return KEY_CHANGE
    if "local_secondary_index" in causes:
        return LSI_CHANGE
    if "name" in causes:
        keep = f'table_name="{old_name}"' if isinstance(old_name, str) else "the old table_name"
        return (f"keep the live name with {keep} (the default name comes from the construct path; moved_from= keeps "
                "it when the construct moves)")
    if causes & {"restore_source_name", "restore_source_table_arn", "restore_date_time", "restore_to_latest_time",
                 "import_table"}:
        return CREATE_ONLY
    if "warm_throughput" in causes:
        return WARM_LOWER
    return KEEP_AS_WAS if causes else KNOCK_ON


def moved(old_path: str | None, new_address: str) -> str:
    """The fix for a table destroyed at one address while the same table is created at another."""
    where = f'moved_from="{old_path}"' if old_path else "moved_from=<its old construct path>"
    return (f"the table moved in the code ({new_address} creates it again, empty): Table(..., {where}) keeps it "
            "(keep_on_move(...) for a group of constructs)")


def replica_removed(region: str) -> str:
    return (f'keep Replica(region="{region}") while anything reads or writes there; removing it deletes that '
            "region's copy (the other regions keep the items)")


def pitr_shortened(days: int) -> str:
    return f"keep recovery_period_days={days}: a shorter window deletes the older restore points at once"


def region_changed(old: str, new: str) -> str:
    return (f'to move the table to {new}: add Replica(region="{new}") first and apply (the items are copied), then '
            f"forget(...) the table for one apply and take over the {new} copy with `dynamo-constructs migrate`; "
            f"to stay, keep the provider's region {old}")
