"""A local AWS emulator: moto's server, corrected where it differs from AWS and completed where it lacks operations.

``python -m devtools.emulator --port 4566`` (or ``make emulator PORT=4566``) serves on 127.0.0.1 only.
The gap fillers (``devtools.emulator.gaps``) follow the AWS API's request and response shapes and its
errors, and keep their state beside moto's backends (per account and region) or on moto's objects.
"""
