# dynamo-constructs: `make synth` and `make test` work on a fresh clone (Python 3.11, Node.js, Terraform).
# ENGINE=cdktf (default: CDK for Terraform, .venv) or ENGINE=cdktn (CDK Terrain: .venv-cdktn, with Node 22
# and the cdktn CLI from tools/cdktn); e.g. `make synth ENGINE=cdktn`, `make test ENGINE=cdktn`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
ENGINE ?= cdktf
CDKTF_STAMP := .venv/.installed
CDKTN_STAMP := .venv-cdktn/.installed
NODE22_DIR := tools/cdktn
NODE22_STAMP := $(NODE22_DIR)/node_modules/.installed
BENCH_CDK_VENV := .venv-bench-cdk
BENCH_CDK_STAMP := $(BENCH_CDK_VENV)/.installed
ifeq ($(ENGINE),cdktf)
VENV := .venv
ENGINE_TOOLS :=
TEST_LANES :=
else ifeq ($(ENGINE),cdktn)
VENV := .venv-cdktn
ENGINE_TOOLS := $(NODE22_STAMP)
# On cdktn: unit, snapshot, terraform validate, review and CLI lanes (emulator, deploy and scan run on cdktf).
TEST_LANES := unit synth terraform review cli
# jsii's kernel and the cdktn CLI run on the project's Node 22 (tools/cdktn), never the system's.
export JSII_NODE := $(CURDIR)/$(NODE22_DIR)/node_modules/.bin/node
export PATH := $(CURDIR)/$(NODE22_DIR)/node_modules/.bin:$(PATH)
else
$(error ENGINE=$(ENGINE): expected cdktf or cdktn)
endif
export DYNAMO_CONSTRUCTS_ENGINE := $(ENGINE)
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

.PHONY: help install synth lint test test-unit test-synth test-terraform test-emulator test-deploy test-scan test-cli test-devtools \
        snapshot-update review review-corpus test-review bench bench-migrate scan emulator cdktf-synth cdktn-synth regions clean \
        deploy diff destroy docs release-check option-tables

# The variables the targets' descriptions mention, printed by `make help` with their values.
HELP_VARIABLES := PORT ENV BASE ENGINE

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}' \
	  | sed $(foreach v,$(HELP_VARIABLES),-e 's|$$($(v))|$($(v))|g')

# One virtual environment per engine: the project with that engine's extra and the test tools; the cdktf one
# (which `make lint`, `make docs` and `make release-check` use) also has the lint, release and docs tools.
define make-venv
	$(PYTHON) -m venv $(@D)
	$(@D)/bin/pip install --quiet --upgrade pip
	$(@D)/bin/pip install --quiet -e '.[$(1)]'
	touch $@
endef
CDKTF_EXTRAS := cdktf,test,dev,docs
CDKTN_EXTRAS := cdktn,test

$(CDKTF_STAMP): pyproject.toml
	$(call make-venv,$(CDKTF_EXTRAS))

$(CDKTN_STAMP): pyproject.toml
	$(call make-venv,$(CDKTN_EXTRAS))

$(SCAN_STAMP): requirements-scan.txt
	$(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/pip install --quiet -r requirements-scan.txt
	touch $@

$(CLI_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Node 22 (npm package `node`) and the cdktn CLI, in their own folder: cdktf-only installs never download them.
$(NODE22_STAMP): $(NODE22_DIR)/package.json $(NODE22_DIR)/package-lock.json
	cd $(NODE22_DIR) && npm ci --no-audit --no-fund --silent
	touch $@

$(BENCH_CDK_STAMP): bench/requirements-cdk.txt
	$(PYTHON) -m venv $(BENCH_CDK_VENV)
	$(BENCH_CDK_VENV)/bin/pip install --quiet --upgrade pip
	$(BENCH_CDK_VENV)/bin/pip install --quiet -r bench/requirements-cdk.txt
	touch $@

ifeq ($(ENGINE),cdktf)
install: $(STAMP) $(SCAN_STAMP) $(CLI_STAMP) ## Create .venv (project + test, lint, docs tools), .venv-checkov (scanner), node_modules (cdktf CLI); ENGINE=cdktn: .venv-cdktn, tools/cdktn
else
install: $(STAMP) $(ENGINE_TOOLS)
endif

synth: $(STAMP) $(ENGINE_TOOLS) ## Synthesize every environment stack into cdktf.out/ (ENGINE=cdktn: on CDK Terrain)
	$(BIN)/python main.py
	@ls cdktf.out/stacks

lint: $(CDKTF_STAMP) ## ruff on everything, mypy --strict on the package (typed against the cdktf stubs)
	.venv/bin/ruff check .
	.venv/bin/mypy

docs: $(CDKTF_STAMP) ## Build the documentation site into site/ (strict: any warning or broken link fails; docs/tooling.md)
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict

option-tables: $(CDKTF_STAMP) ## Regenerate README's option and attribute tables from the signatures and docstrings
	.venv/bin/python -m devtools.option_tables --write

release-check: $(CDKTF_STAMP) ## Build sdist + wheel into dist/, twine check, install the wheel in a fresh venv, run the Quick start
	.venv/bin/python -m devtools.release_check

ifeq ($(ENGINE),cdktf)
test: $(STAMP) $(SCAN_STAMP) $(CLI_STAMP) ## Every lane: unit, synth, terraform, emulator, deploy, scan, cli, review, devtools (ENGINE=cdktn: unit, synth, terraform, review, cli)
	$(BIN)/python -m devtools.lanes
else
test: $(STAMP) $(ENGINE_TOOLS)
	$(BIN)/python -m devtools.lanes $(TEST_LANES)
endif

test-unit: $(STAMP) ## Unit lane: no terraform, no emulator, no checkov (well under a minute)
	$(PYTEST) tests/unit -q

test-synth: $(STAMP) ## Snapshot lane: one JSON snapshot per stack
	$(PYTEST) tests/synth -q

test-terraform: $(STAMP) ## terraform validate (real provider from the local mirror) on every stack
	$(PYTEST) tests/terraform -q

test-emulator: $(STAMP) ## The emulator's behaviour through boto3 and the real provider
	$(PYTEST) tests/emulator -q

test-deploy: $(STAMP) $(CLI_STAMP) ## Deploy lane: apply, re-plan, change and destroy against the emulator (4 workers)
	$(PYTEST) tests/deploy -q -n 4 --dist load --maxschedchunk=1

test-scan: $(STAMP) $(SCAN_STAMP) ## checkov over every stack
	$(PYTEST) tests/scan -q

test-devtools: $(STAMP) ## The dev tooling's own tests: terraform runner, loopback proxy (no terraform run)
	$(PYTEST) tests/devtools -q

test-review: $(STAMP) ## Review lane: the offline review against the stored corpus of real terraform plans (seconds)
	$(PYTEST) tests/review -q

test-cli: $(STAMP) $(if $(ENGINE_TOOLS),$(ENGINE_TOOLS),$(CLI_STAMP)) ## CLIs: cdktf/cdktn synth and diff, the import accelerator, engines
	$(PYTEST) tests/cli -q

scan: $(STAMP) $(SCAN_STAMP) ## Synthesize, then run checkov on every stack (staging/prod: zero failures)
	$(BIN)/python main.py
	$(BIN)/python -m devtools.scan cdktf.out/stacks

cdktf-synth: $(CDKTF_STAMP) $(CLI_STAMP) ## The same synth through the CDKTF CLI (node_modules/.bin/cdktf synth)
	DYNAMO_CONSTRUCTS_ENGINE=cdktf node_modules/.bin/cdktf synth

# cdktf.json names .venv's python as the app; the cdktn CLI is given .venv-cdktn's instead.
cdktn-synth: $(CDKTN_STAMP) $(NODE22_STAMP) ## The same synth through the CDK Terrain CLI on Node 22 (tools/cdktn)
	PATH=$(CURDIR)/$(NODE22_DIR)/node_modules/.bin:$$PATH DYNAMO_CONSTRUCTS_ENGINE=cdktn \
	  JSII_NODE=$(CURDIR)/$(NODE22_DIR)/node_modules/.bin/node $(NODE22_DIR)/node_modules/.bin/cdktn synth --app '.venv-cdktn/bin/python main.py'

# deploy/destroy show the plan and its review, then ask; without a terminal: AUTO_APPROVE=1 (and
# CONFIRM_STACK=<stack> when the plan deletes a table holding items). Offline with the provider mirror;
# AWS_ENDPOINT_URL=http://127.0.0.1:$(PORT) for the emulator.
deploy: $(CDKTF_STAMP) ## Plan ENV=<stack>, review it, ask, apply exactly that plan (AUTO_APPROVE=1 without a terminal)
	.venv/bin/python -m devtools.deploy deploy $(ENV)

diff: $(CDKTF_STAMP) ## The plan of ENV=<stack> and its review (exit 1 on data loss, 3 when refused)
	.venv/bin/python -m devtools.deploy diff $(ENV)

destroy: $(CDKTF_STAMP) ## As deploy, a destroy plan: a table holding items needs the stack's name typed back
	.venv/bin/python -m devtools.deploy destroy $(ENV)

emulator: $(STAMP) ## Run the local AWS emulator on 127.0.0.1:$(PORT) in the foreground
	$(BIN)/python -m devtools.emulator --port $(PORT)

snapshot-update: $(STAMP) ## Re-record the JSON snapshots after an intended change (review the diff!)
	$(PYTEST) tests/synth --snapshot-update

review: $(STAMP) ## What a change does to each table: synthesize BASE (git ref) and the working tree, review every stack
	$(BIN)/python -m devtools.review_ref $(BASE)

review-corpus: $(STAMP) ## Regenerate tests/review/corpus from real terraform plans on the emulator (~15 min)
	$(BIN)/python -m devtools.review_corpus

bench: $(CDKTF_STAMP) $(CDKTN_STAMP) $(NODE22_STAMP) $(BENCH_CDK_STAMP) ## Both engines, round trips, Table vs raw, vs AWS CDK -> bench/results.md; then bench-migrate
	.venv/bin/python bench/run.py
	.venv/bin/python bench/migrate.py

bench-migrate: $(CDKTF_STAMP) ## dynamo-constructs migrate for 100 tables, from a state and from the emulator -> bench/migrate-results.md
	.venv/bin/python bench/migrate.py

regions: $(STAMP) ## Regenerate dynamo_constructs/_regions.py from botocore's endpoint data
	$(BIN)/python -m devtools.regions

clean: ## Remove the virtual environments, Node tools and synth output
	rm -rf .venv .venv-cdktn $(BENCH_CDK_VENV) $(SCAN_VENV) node_modules $(NODE22_DIR)/node_modules cdktf.out .pytest_cache \
	  site dist
