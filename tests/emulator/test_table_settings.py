"""Table settings as DynamoDB applies them; each test fails against moto 5.2.5 without the gap fillers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.emulator.conftest import Clients, error_code

KEY = [{"AttributeName": "pk", "KeyType": "HASH"}]


def _gsi(name: str, attribute: str, projection: str = "ALL", capacity: int | None = None) -> dict[str, Any]:
    gsi: dict[str, Any] = {"IndexName": name, "KeySchema": [{"AttributeName": attribute, "KeyType": "HASH"}],
                           "Projection": {"ProjectionType": projection}}
    if capacity:
        gsi["ProvisionedThroughput"] = {"ReadCapacityUnits": capacity, "WriteCapacityUnits": capacity}
    return gsi


def _attributes(*names: str) -> list[dict[str, str]]:
    return [{"AttributeName": n, "AttributeType": "S"} for n in names]


def _describe(ddb: Any, name: str) -> dict[str, Any]:
    return ddb.describe_table(TableName=name)["Table"]  # type: ignore[no-any-return]


def test_stream_disable_then_reenable_gives_a_new_stream(aws: Clients) -> None:
    ddb, streams = aws("dynamodb"), aws("dynamodbstreams")
    first = ddb.create_table(TableName="streamed", KeySchema=KEY, AttributeDefinitions=_attributes("pk"),
                             BillingMode="PAY_PER_REQUEST",
                             StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})["TableDescription"]
    ddb.update_table(TableName="streamed", StreamSpecification={"StreamEnabled": False})
    disabled = _describe(ddb, "streamed")
    assert "StreamSpecification" not in disabled
    assert disabled["LatestStreamArn"] == first["LatestStreamArn"]  # the ended stream stays readable for 24 hours
    ddb.put_item(TableName="streamed", Item={"pk": {"S": "while-off"}})
    with pytest.raises(ClientError) as twice:
        ddb.update_table(TableName="streamed", StreamSpecification={"StreamEnabled": False})
    assert error_code(twice) == "ValidationException"

    ddb.update_table(TableName="streamed", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    enabled = _describe(ddb, "streamed")
    assert enabled["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    assert enabled["LatestStreamArn"] != first["LatestStreamArn"]
    assert enabled["LatestStreamLabel"] != first["LatestStreamLabel"]
    ddb.put_item(TableName="streamed", Item={"pk": {"S": "after"}})
    with pytest.raises(ClientError) as again:
        ddb.update_table(TableName="streamed", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert error_code(again) == "ValidationException"
    assert streams.describe_stream(StreamArn=first["LatestStreamArn"])["StreamDescription"]["StreamStatus"] == "DISABLED"
    assert streams.describe_stream(StreamArn=enabled["LatestStreamArn"])["StreamDescription"]["StreamStatus"] == "ENABLED"


def test_table_class_is_applied_and_reported(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="classy", KeySchema=KEY, AttributeDefinitions=_attributes("pk"),
                     BillingMode="PAY_PER_REQUEST", TableClass="STANDARD_INFREQUENT_ACCESS")
    assert _describe(ddb, "classy")["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    updated = ddb.update_table(TableName="classy", TableClass="STANDARD")["TableDescription"]
    assert updated["TableClassSummary"]["TableClass"] == "STANDARD"
    ddb.update_table(TableName="classy", TableClass="STANDARD_INFREQUENT_ACCESS")
    assert _describe(ddb, "classy")["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"


def test_billing_mode_switches_zero_and_restore_capacities(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="billing", KeySchema=KEY, AttributeDefinitions=_attributes("pk", "g"),
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                     GlobalSecondaryIndexes=[_gsi("byG", "g", capacity=3)])
    ddb.update_table(TableName="billing", BillingMode="PAY_PER_REQUEST")
    on_demand = _describe(ddb, "billing")
    assert on_demand["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert "LastUpdateToPayPerRequestDateTime" in on_demand["BillingModeSummary"]
    for throughput in (on_demand["ProvisionedThroughput"], on_demand["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]):
        assert (throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]) == (0, 0)
    ddb.update_table(TableName="billing", DeletionProtectionEnabled=False)  # later updates still work

    with pytest.raises(ClientError) as no_index_capacity:
        ddb.update_table(TableName="billing", BillingMode="PROVISIONED",
                         ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 2})
    assert error_code(no_index_capacity) == "ValidationException"
    ddb.update_table(TableName="billing", BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 2},
                     GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "byG", "ProvisionedThroughput": {
                         "ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}}])
    provisioned = _describe(ddb, "billing")
    assert provisioned["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert (provisioned["ProvisionedThroughput"]["ReadCapacityUnits"], provisioned["ProvisionedThroughput"]["WriteCapacityUnits"]) == (4, 2)
    gsi = provisioned["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]
    assert (gsi["ReadCapacityUnits"], gsi["WriteCapacityUnits"]) == (2, 1)


def test_gsi_updates_and_attribute_pruning(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="indexed", KeySchema=KEY, AttributeDefinitions=_attributes("pk", "g"),
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                     GlobalSecondaryIndexes=[_gsi("byG", "g", "KEYS_ONLY", capacity=2)])
    with pytest.raises(ClientError) as no_capacity:
        ddb.update_table(TableName="indexed", AttributeDefinitions=_attributes("h"),
                         GlobalSecondaryIndexUpdates=[{"Create": _gsi("byH", "h")}])
    assert error_code(no_capacity) == "ValidationException"
    ddb.update_table(TableName="indexed", AttributeDefinitions=_attributes("h"),
                     GlobalSecondaryIndexUpdates=[{"Create": _gsi("byH", "h", capacity=1)}])
    assert {a["AttributeName"] for a in _describe(ddb, "indexed")["AttributeDefinitions"]} == {"pk", "g", "h"}

    ddb.update_table(TableName="indexed", GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "byH", "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}}])
    raw = aws("dynamodb")  # the SDKs have no Projection in an Update: add it to the JSON on the wire

    def add_projection(request: Any, **_: Any) -> None:
        body = json.loads(request.data)
        body["GlobalSecondaryIndexUpdates"][0]["Update"]["Projection"] = {"ProjectionType": "ALL"}
        request.data = json.dumps(body).encode()

    raw.meta.events.register("before-sign.dynamodb.UpdateTable", add_projection)
    raw.update_table(TableName="indexed", GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "byG"}}])
    indexes = {g["IndexName"]: g for g in _describe(ddb, "indexed")["GlobalSecondaryIndexes"]}
    assert indexes["byG"]["Projection"] == {"ProjectionType": "KEYS_ONLY"}  # an Update cannot change a projection
    assert indexes["byH"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
    ddb.update_table(TableName="indexed", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byH"}}])
    ddb.update_table(TableName="indexed", AttributeDefinitions=_attributes("h"),
                     GlobalSecondaryIndexUpdates=[{"Create": _gsi("byH", "h", "ALL", capacity=1)}])
    assert _describe(ddb, "indexed")["GlobalSecondaryIndexes"][1]["Projection"] == {"ProjectionType": "ALL"}

    ddb.update_table(TableName="indexed", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byG"}}])
    after = _describe(ddb, "indexed")
    assert [g["IndexName"] for g in after["GlobalSecondaryIndexes"]] == ["byH"]
    assert {a["AttributeName"] for a in after["AttributeDefinitions"]} == {"pk", "h"}
    with pytest.raises(ClientError) as missing:
        ddb.update_table(TableName="indexed", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byG"}}])
    assert error_code(missing) == "ResourceNotFoundException"


def test_disabled_or_deleted_key_makes_the_table_inaccessible(aws: Clients) -> None:
    ddb, kms = aws("dynamodb"), aws("kms")
    key_arn = kms.create_key(Description="table key")["KeyMetadata"]["Arn"]
    ddb.create_table(TableName="locked", KeySchema=KEY, AttributeDefinitions=_attributes("pk"), BillingMode="PAY_PER_REQUEST",
                     SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_arn})
    ddb.put_item(TableName="locked", Item={"pk": {"S": "a"}})

    def assert_inaccessible() -> None:
        table = _describe(ddb, "locked")
        assert table["TableStatus"] == "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
        assert "InaccessibleEncryptionDateTime" in table["SSEDescription"]
        calls: list[tuple[str, dict[str, Any]]] = [
            ("get_item", {"TableName": "locked", "Key": {"pk": {"S": "a"}}}),
            ("put_item", {"TableName": "locked", "Item": {"pk": {"S": "b"}}}),
            ("scan", {"TableName": "locked"}),
            ("batch_write_item", {"RequestItems": {"locked": [{"PutRequest": {"Item": {"pk": {"S": "c"}}}}]}}),
            ("transact_write_items", {"TransactItems": [{"Put": {"TableName": "locked", "Item": {"pk": {"S": "d"}}}}]}),
        ]
        for operation, params in calls:
            with pytest.raises(ClientError) as refused:
                getattr(ddb, operation)(**params)
            assert error_code(refused) == "AccessDeniedException" and "KMS key access denied" in str(refused.value)

    def assert_accessible() -> None:
        table = _describe(ddb, "locked")
        assert table["TableStatus"] == "ACTIVE" and "InaccessibleEncryptionDateTime" not in table["SSEDescription"]
        assert ddb.get_item(TableName="locked", Key={"pk": {"S": "a"}})["Item"]["pk"] == {"S": "a"}

    kms.disable_key(KeyId=key_arn)
    assert_inaccessible()
    kms.enable_key(KeyId=key_arn)
    assert_accessible()
    kms.schedule_key_deletion(KeyId=key_arn, PendingWindowInDays=7)
    assert_inaccessible()
    kms.cancel_key_deletion(KeyId=key_arn)  # KMS leaves the key Disabled after a cancelled deletion
    assert_inaccessible()
    kms.enable_key(KeyId=key_arn)
    assert_accessible()


def test_sse_transitions_between_owned_managed_and_customer_keys(aws: Clients) -> None:
    ddb, kms = aws("dynamodb"), aws("kms")
    ddb.create_table(TableName="encrypted", KeySchema=KEY, AttributeDefinitions=_attributes("pk"), BillingMode="PAY_PER_REQUEST")
    assert "SSEDescription" not in _describe(ddb, "encrypted")  # AWS owned key
    ddb.update_table(TableName="encrypted", SSESpecification={"Enabled": True})
    managed_key = kms.describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]
    managed = managed_key["Arn"]
    assert _describe(ddb, "encrypted")["SSEDescription"] == {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": managed}
    key = kms.create_key(Description="customer key")["KeyMetadata"]
    # What tells the two apart (KeyMetadata.KeyManager): a migration reading live tables relies on it.
    assert (managed_key["KeyManager"], key["KeyManager"]) == ("AWS", "CUSTOMER")
    kms.create_alias(AliasName="alias/table-key", TargetKeyId=key["KeyId"])
    ddb.update_table(TableName="encrypted", SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/table-key"})
    assert _describe(ddb, "encrypted")["SSEDescription"]["KMSMasterKeyArn"] == key["Arn"]
    ddb.update_table(TableName="encrypted", SSESpecification={"Enabled": False})
    assert "SSEDescription" not in _describe(ddb, "encrypted")


def test_ttl_enable_and_disable(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="expiring", KeySchema=KEY, AttributeDefinitions=_attributes("pk"), BillingMode="PAY_PER_REQUEST")
    ddb.update_time_to_live(TableName="expiring", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    assert ddb.describe_time_to_live(TableName="expiring")["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    for spec in ({"Enabled": True, "AttributeName": "expires"}, {"Enabled": True, "AttributeName": "other"}):
        with pytest.raises(ClientError) as active:
            ddb.update_time_to_live(TableName="expiring", TimeToLiveSpecification=spec)
        assert error_code(active) == "ValidationException"
    # AttributeName is required to disable too (length >= 1; what the provider sends for ttl{enabled=false}).
    unchecked = aws("dynamodb", config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as nameless:
        unchecked.update_time_to_live(TableName="expiring", TimeToLiveSpecification={"Enabled": False, "AttributeName": ""})
    assert error_code(nameless) == "ValidationException" and "attributeName" in str(nameless.value)
    ddb.update_time_to_live(TableName="expiring", TimeToLiveSpecification={"Enabled": False, "AttributeName": "expires"})
    assert ddb.describe_time_to_live(TableName="expiring")["TimeToLiveDescription"] == {"TimeToLiveStatus": "DISABLED"}
    with pytest.raises(ClientError) as already:
        ddb.update_time_to_live(TableName="expiring", TimeToLiveSpecification={"Enabled": False, "AttributeName": "expires"})
    assert error_code(already) == "ValidationException"


def test_on_demand_throughput_merges_and_minus_one_removes(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="capped", KeySchema=KEY, AttributeDefinitions=_attributes("pk", "g"), BillingMode="PAY_PER_REQUEST",
                     OnDemandThroughput={"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50},
                     GlobalSecondaryIndexes=[{**_gsi("byG", "g"), "OnDemandThroughput": {"MaxReadRequestUnits": 30}}])
    table = _describe(ddb, "capped")
    assert table["OnDemandThroughput"] == {"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50}
    assert table["GlobalSecondaryIndexes"][0]["OnDemandThroughput"] == {"MaxReadRequestUnits": 30}

    ddb.update_table(TableName="capped", OnDemandThroughput={"MaxReadRequestUnits": 200},
                     GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "byG", "OnDemandThroughput": {"MaxWriteRequestUnits": 10}}}])
    table = _describe(ddb, "capped")
    assert table["OnDemandThroughput"] == {"MaxReadRequestUnits": 200, "MaxWriteRequestUnits": 50}
    assert table["GlobalSecondaryIndexes"][0]["OnDemandThroughput"] == {"MaxReadRequestUnits": 30, "MaxWriteRequestUnits": 10}

    unlimited = {"MaxReadRequestUnits": -1, "MaxWriteRequestUnits": -1}
    ddb.update_table(TableName="capped", OnDemandThroughput=unlimited,
                     GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "byG", "OnDemandThroughput": unlimited}}])
    table = _describe(ddb, "capped")
    assert "OnDemandThroughput" not in table and "OnDemandThroughput" not in table["GlobalSecondaryIndexes"][0]

    for bad in ({"MaxReadRequestUnits": 0}, {"MaxWriteRequestUnits": -5}):
        with pytest.raises(ClientError) as out_of_range:
            ddb.update_table(TableName="capped", OnDemandThroughput=bad)
        assert error_code(out_of_range) == "ValidationException"
    with pytest.raises(ClientError) as provisioned:
        ddb.create_table(TableName="capped-provisioned", KeySchema=KEY, AttributeDefinitions=_attributes("pk"),
                         ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
                         OnDemandThroughput={"MaxReadRequestUnits": 10})
    assert error_code(provisioned) == "ValidationException"

    ddb.update_table(TableName="capped", OnDemandThroughput={"MaxReadRequestUnits": 5})
    ddb.update_table(TableName="capped", BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
                     GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "byG", "ProvisionedThroughput": {
                         "ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}])
    assert "OnDemandThroughput" not in _describe(ddb, "capped")  # switching to PROVISIONED drops the maxima


def test_pitr_recovery_period(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="recoverable", KeySchema=KEY, AttributeDefinitions=_attributes("pk"), BillingMode="PAY_PER_REQUEST")

    def pitr(**spec: Any) -> dict[str, Any]:
        reply = ddb.update_continuous_backups(TableName="recoverable", PointInTimeRecoverySpecification=spec)
        return reply["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]  # type: ignore[no-any-return]

    assert pitr(PointInTimeRecoveryEnabled=True, RecoveryPeriodInDays=7)["RecoveryPeriodInDays"] == 7
    described = ddb.describe_continuous_backups(TableName="recoverable")["ContinuousBackupsDescription"]
    assert described["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"] == 7
    assert pitr(PointInTimeRecoveryEnabled=True)["RecoveryPeriodInDays"] == 35  # "If no value is provided ... 35"
    unchecked = aws("dynamodb", config=Config(parameter_validation=False))  # boto3 checks the range itself
    for days in (0, 36):
        with pytest.raises(ClientError) as out_of_range:
            unchecked.update_continuous_backups(TableName="recoverable", PointInTimeRecoverySpecification={
                "PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": days})
        assert error_code(out_of_range) == "ValidationException"
    assert pitr(PointInTimeRecoveryEnabled=False) == {"PointInTimeRecoveryStatus": "DISABLED"}
