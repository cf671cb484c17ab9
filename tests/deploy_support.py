"""Temporary re-export (tests/support/deploy.py is the home); removed once nothing imports it."""

from tests.support.deploy import Deployment, aws_env, boto3_client, running_emulator  # noqa: F401
