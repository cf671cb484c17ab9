# dynamo-constructs: `make synth` and `make test` work on a fresh clone (Python 3.11, Node.js, Terraform).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: help install synth test snapshot-update bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP) ## Create .venv and install the project with its test tools

synth: $(STAMP) ## Synthesize every environment stack into cdktf.out/
	$(BIN)/python main.py
	@ls cdktf.out/stacks

test: $(STAMP) ## Run the whole test suite (unit, snapshot, terraform validate)
	$(BIN)/python -m pytest

snapshot-update: $(STAMP) ## Re-record the JSON snapshots after an intended change (review the diff!)
	$(BIN)/python -m pytest tests --snapshot-update

bench: $(STAMP) ## Cold synth with/without the import accelerator vs the bare provider import -> bench/results.md
	$(BIN)/python bench/run.py

clean: ## Remove the virtual environment and synth output
	rm -rf $(VENV) cdktf.out .pytest_cache
