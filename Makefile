# dynamo-constructs: `make synth` and `make test` work on a fresh clone (Python 3.11, Node.js, Terraform).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCAN_VENV := .venv-checkov
SCAN_STAMP := $(SCAN_VENV)/.installed
CLI_STAMP := node_modules/.installed
PORT ?= 4566
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: help install synth test snapshot-update bench scan emulator cdktf-synth clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(SCAN_STAMP): requirements-scan.txt
	$(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/pip install --quiet -r requirements-scan.txt
	touch $@

$(CLI_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(STAMP) $(SCAN_STAMP) $(CLI_STAMP) ## Create .venv (project + test tools), .venv-checkov (scanner), node_modules (cdktf CLI)

synth: $(STAMP) ## Synthesize every environment stack into cdktf.out/
	$(BIN)/python main.py
	@ls cdktf.out/stacks

test: $(STAMP) $(SCAN_STAMP) $(CLI_STAMP) ## Run every test lane: unit, snapshot, terraform validate, deploy to the emulator, scan
	$(BIN)/python -m pytest

scan: $(STAMP) $(SCAN_STAMP) ## Synthesize, then run checkov on every stack (staging/prod: zero failures)
	$(BIN)/python main.py
	$(BIN)/python scripts/scan.py cdktf.out/stacks

cdktf-synth: $(STAMP) $(CLI_STAMP) ## The same synth through the CDKTF CLI (node_modules/.bin/cdktf synth)
	CHECKPOINT_DISABLE=1 node_modules/.bin/cdktf synth

emulator: $(STAMP) ## Run the local AWS emulator on 127.0.0.1:$(PORT) in the foreground
	$(BIN)/python -m emulator --port $(PORT)

snapshot-update: $(STAMP) ## Re-record the JSON snapshots after an intended change (review the diff!)
	$(BIN)/python -m pytest tests --snapshot-update

bench: $(STAMP) ## Cold synth with/without the import accelerator vs the bare provider import -> bench/results.md
	$(BIN)/python bench/run.py

clean: ## Remove the virtual environment and synth output
	rm -rf $(VENV) $(SCAN_VENV) node_modules cdktf.out .pytest_cache
