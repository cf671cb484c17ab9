"""Dev tooling of this repository, not installed with the package: the terraform runner
(``terraform_cli``), the test lanes (``lanes``), ``make deploy|diff|destroy`` (``deploy``), the
security scan (``scan``), the review corpus and ``make review`` (``review_corpus``, ``review_ref``),
the engines' paths (``engines``), the regions table generator (``regions``), the local AWS
emulator (``emulator``), ``make release-check`` (``release_check``), the docs site's MkDocs hooks
(``docs_hooks``) and the Markdown code blocks the tests and the release check run
(``markdown_blocks``). Each tool is run as ``python -m devtools.<tool>`` (the Makefile's targets)."""
