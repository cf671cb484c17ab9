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
ENV ?= dev
BASE ?= origin/main
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CHECKPOINT_DISABLE := 1
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider

.PHONY: help install synth lint test test-unit test-synth test-terraform test-emulator test-deploy test-scan test-cli \
        snapshot-update review bench scan emulator cdktf-synth regions clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[cdktf,test]'
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

lint: $(STAMP) ## ruff on everything, mypy --strict on the package
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) $(SCAN_STAMP) $(CLI_STAMP) ## Every lane: unit, synth, terraform, emulator, deploy, scan, cli
	$(BIN)/python scripts/run_lanes.py

test-unit: $(STAMP) ## Unit lane: no terraform, no emulator, no checkov (well under a minute)
	$(PYTEST) tests/unit -q

test-synth: $(STAMP) ## Snapshot lane: one JSON snapshot per stack
	$(PYTEST) tests/synth -q

test-terraform: $(STAMP) ## terraform validate (real provider from the local mirror) on every stack
	$(PYTEST) tests/terraform -q

test-emulator: $(STAMP) ## The emulator's behaviour through boto3 and the real provider
	$(PYTEST) tests/emulator -q

test-deploy: $(STAMP) ## Deploy lane: apply, re-plan, change and destroy against the emulator
	$(PYTEST) tests/deploy -q

test-scan: $(STAMP) $(SCAN_STAMP) ## checkov over every stack
	$(PYTEST) tests/scan -q

test-cli: $(STAMP) $(CLI_STAMP) ## CLIs: cdktf synth, the import accelerator, dynamo-constructs, README blocks
	$(PYTEST) tests/cli -q

scan: $(STAMP) $(SCAN_STAMP) ## Synthesize, then run checkov on every stack (staging/prod: zero failures)
	$(BIN)/python main.py
	$(BIN)/python scripts/scan.py cdktf.out/stacks

cdktf-synth: $(STAMP) $(CLI_STAMP) ## The same synth through the CDKTF CLI (node_modules/.bin/cdktf synth)
	node_modules/.bin/cdktf synth

emulator: $(STAMP) ## Run the local AWS emulator on 127.0.0.1:$(PORT) in the foreground
	$(BIN)/python -m emulator --port $(PORT)

snapshot-update: $(STAMP) ## Re-record the JSON snapshots after an intended change (review the diff!)
	$(PYTEST) tests/synth --snapshot-update

review: $(STAMP) ## What a change does to each table: synthesize BASE (git ref) and the working tree, review every stack
	$(BIN)/python scripts/review_ref.py $(BASE)

bench: $(STAMP) ## Cold synth with/without the import accelerator vs the bare provider import -> bench/results.md
	$(BIN)/python bench/run.py

regions: $(STAMP) ## Regenerate dynamo_constructs/_regions.py from botocore's endpoint data
	$(BIN)/python scripts/generate_regions.py

clean: ## Remove the virtual environments and synth output
	rm -rf $(VENV) $(SCAN_VENV) node_modules cdktf.out .pytest_cache
