"""``exit_on_config_error``: wrapped around the construction (as the README shows), a bad
configuration is one line on stderr and exit status 1; anything else passes through."""

from __future__ import annotations

import dynamo_constructs
from dynamo_constructs import Attribute, Table
from dynamo_constructs.exits import TRACEBACK_ENV

import pytest

from tests.support.helpers import new_stack

LINE = "error: test/orders: invalid table_name='ab'; expected 3-255 characters of letters, digits, '_', '-' or '.'\n"


def build_bad_table() -> None:
    stack = new_stack()
    print("building")
    Table(stack, "orders", partition_key=Attribute.string("pk"), table_name="ab")


def test_around_the_construction_one_line_and_exit_1(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRACEBACK_ENV, raising=False)
    with pytest.raises(SystemExit) as exited, dynamo_constructs.exit_on_config_error():
        build_bad_table()
    assert exited.value.code == 1
    assert exited.value.__context__ is None or exited.value.__suppress_context__
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("building\n", LINE)


def test_as_a_decorator_on_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRACEBACK_ENV, raising=False)

    @dynamo_constructs.exit_on_config_error()
    def main() -> None:
        build_bad_table()

    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1 and capsys.readouterr().err == LINE


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_the_traceback_env_lets_the_error_through(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRACEBACK_ENV, value)
    with pytest.raises(dynamo_constructs.TableConfigError) as caught, dynamo_constructs.exit_on_config_error():
        build_bad_table()
    assert caught.value.path == "test/orders"


def test_other_errors_pass_through(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(KeyError), dynamo_constructs.exit_on_config_error():
        raise KeyError("not a configuration error")
    assert capsys.readouterr().err == ""


def test_a_good_configuration_runs_to_the_end() -> None:
    with dynamo_constructs.exit_on_config_error():
        table = Table(new_stack(), "orders", partition_key=Attribute.string("pk"))
    assert table.table_name == "orders"
