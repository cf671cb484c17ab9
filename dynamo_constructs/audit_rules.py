"""What makes a table an audit trail, defined once for the two sides that must agree:
``AuditTrail`` (which writes the tag and the append-only deny) and the review's audit rule
(which reads them). Plain constants: importing them loads neither the engine nor the review."""

from __future__ import annotations

AUDIT_TAG = ("DataClass", "audit")
APPEND_ONLY_SID = "AuditAppendOnly"
PROTECTED_ACTIONS = ("dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PartiQLDelete",
                     "dynamodb:PartiQLUpdate", "dynamodb:UpdateItem")
PRINCIPAL_ARN = "aws:PrincipalArn"
