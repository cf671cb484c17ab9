"""PartiQL as DynamoDB documents it, through boto3: an ``INSERT`` never replaces an item (what
``grant_append(insert_only=True)`` relies on), while ``PutItem`` does."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import Clients, error_code


def test_insert_refuses_an_existing_key_and_put_item_replaces_it(aws: Clients) -> None:
    ddb = aws("dynamodb")
    ddb.create_table(TableName="inserts", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "S"}])
    key = {"pk": {"S": "a"}, "sk": {"S": "1"}}
    ddb.execute_statement(Statement="INSERT INTO \"inserts\" VALUE {'pk': 'a', 'sk': '1', 'v': 1}")
    with pytest.raises(ClientError) as duplicate:
        ddb.execute_statement(Statement="INSERT INTO \"inserts\" VALUE {'pk': 'a', 'sk': '1', 'v': 2}")
    assert error_code(duplicate) == "DuplicateItemException"
    assert ddb.get_item(TableName="inserts", Key=key)["Item"]["v"] == {"N": "1"}
    ddb.execute_statement(Statement="INSERT INTO \"inserts\" VALUE {'pk': 'a', 'sk': '2', 'v': 3}")  # another sort key
    assert ddb.scan(TableName="inserts")["Count"] == 2
    ddb.put_item(TableName="inserts", Item={**key, "v": {"N": "4"}})  # PutItem replaces: IAM cannot stop that
    assert ddb.get_item(TableName="inserts", Key=key)["Item"]["v"] == {"N": "4"}
