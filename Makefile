# County medical-insurance budget warehouse.  `make` alone lists the targets.
#
# Every target that reads documents or writes the warehouse takes its folders from
# SOURCES (documents in) and DATA_DIR (raw/, warehouse.duckdb, exports/ out), so a
# researcher can point the product at her own documents:
#     make run SOURCES=/some/folder DATA_DIR=/some/output
# Folder names may hold spaces, quotes or Chinese (make run SOURCES="/data/预算 文件"): the
# recipes read SOURCES and DATA_DIR from the environment (written "$$SOURCES" in a recipe), never
# pasted into the shell line, so the shell sees each as one word whatever it holds.

SOURCES  ?= data/sources
DATA_DIR ?= data
PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed

export SOURCES DATA_DIR COPIES
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1

.DEFAULT_GOAL := help
.PHONY: help install converter cjk-font run ingest build refresh queries dashboard docs test test-fast browser bench bench-national accuracy lint format clean lock

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || \
	  $(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(STAMP) converter ## create .venv from the lock file (runs by itself before every other target)

# Word 97 .doc files are read through LibreOffice (soffice --convert-to docx): every target that
# reads documents (run, ingest, refresh, test) installs its smallest Writer package when missing
# and we may (root, or passwordless sudo, with apt): ~18 s, ~275 MB on Debian 12, once.  So `make
# run` on a fresh machine reads every format the README names with no separate install step.
# Where it cannot be installed a .doc is refused as needs_conversion, with a sentence that says
# how to convert it, and this target says so.
converter:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else SUDO=none; fi; \
	  if [ "$$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing LibreOffice Writer to convert .doc files (apt-get)"; \
	    $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-writer-nogui >/dev/null; \
	  else echo "soffice not found and cannot be installed here: .doc files will be refused"; fi; }

run: $(STAMP) converter ## ingest SOURCES, build the warehouse in DATA_DIR, export the marts, print the comparison
	$(BIN)/medins-ingest run --sources "$$SOURCES" --data-dir "$$DATA_DIR"

ingest: $(STAMP) converter ## only ingest SOURCES into DATA_DIR/raw (incremental)
	$(BIN)/medins-ingest ingest --sources "$$SOURCES" --data-dir "$$DATA_DIR"

build: $(STAMP) ## only run dbt build on DATA_DIR/raw
	$(BIN)/medins-ingest build --data-dir "$$DATA_DIR"

# make turns every failing recipe into its own exit 2, so the command's 3 (another refresh holds
# the lock: not a failure) would look like its 1 (failed): here 3 becomes 0 with a line saying
# the run was skipped, and a failure stays make's 2.  Schedulers that want the three codes
# (0 done, 1 failed, 3 locked) call .venv/bin/medins-ingest refresh directly (README).
refresh: $(STAMP) converter ## scheduled run: lock, ingest changes, rebuild aside, swap in (locked: skipped, exit 0)
	@$(BIN)/medins-ingest refresh --sources "$$SOURCES" --data-dir "$$DATA_DIR"; code=$$?; \
	  if [ "$$code" -eq 3 ]; then echo "make refresh: skipped, another refresh holds the lock"; exit 0; fi; \
	  exit "$$code"

queries: $(STAMP) ## run every research question in queries/ and print the answers
	@test -f "$$DATA_DIR/warehouse.duckdb" || $(MAKE) --no-print-directory run
	$(BIN)/python -m medins.queries --data-dir "$$DATA_DIR"

dashboard: $(STAMP) ## write DATA_DIR/dashboard/index.html (offline, self-contained) from the exports
	@test -d "$$DATA_DIR/exports" || $(MAKE) --no-print-directory run
	$(BIN)/python -m reporting.dashboard --data-dir "$$DATA_DIR"

docs: $(STAMP) ## dbt docs as one offline page: DATA_DIR/docs/index.html
	@test -f "$$DATA_DIR/warehouse.duckdb" || $(MAKE) --no-print-directory run
	$(BIN)/python -m reporting.docs --data-dir "$$DATA_DIR"

# Two pytest-xdist workers (TEST_WORKERS=0: one process).  A worker takes a whole module at a
# time (--dist loadscope: a module's warehouse is built once), in the order tests/conftest.py
# gives, longest first (--no-loadscope-reorder); the corpus warehouses are built once a run.
TEST_WORKERS ?= 2
test: $(STAMP) browser converter cjk-font ## run every test (pytest builds warehouses from the corpus and fixtures, runs dbt tests)
	MEDINS_SOURCES="$$SOURCES" $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

# The dashboard test drives Debian's Chromium; install it when missing and we may (root + apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the dashboard test (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found and cannot be installed here: the browser test will be skipped"; fi; }

# The OCR test scans the committed reference PDFs (tests/test_ocr_reference.py), whose Chinese
# font is not embedded: pdfium draws it with a CJK font of the machine, so install Debian's
# smallest (5 MB) when none is there and we may (root + apt); else that test is skipped.
cjk-font:
	@fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing a CJK font for the OCR test's scans (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	  else echo "no CJK font and none can be installed here: the reference-scan OCR test will be skipped"; fi; }

test-fast: $(STAMP) ## tests that do not build a warehouse
	$(BIN)/python -m pytest -q -m "not slow and not browser"

bench: $(STAMP) ## measure ingest speed (text and PDF) against a bare pdfplumber pass
	$(BIN)/python -m bench --copies "$${COPIES:-10}"

accuracy: $(STAMP) ## figures right/wrong/missed per layout family and kind (generated, reference, real)
	$(BIN)/python -m bench.accuracy --per-cell $(or $(PER_CELL),3) --readme README.md

bench-national: $(STAMP) ## generated national corpora (SIZES=1000,5000,30000): docs/s, build s, peak memory, files
	$(BIN)/python -m bench.national --sizes $(or $(SIZES),1000,5000,30000) $(if $(BENCH_OUT),--json $(BENCH_OUT).json --markdown $(BENCH_OUT).md)

lint: $(STAMP) ## ruff, mypy (strict), sqlfluff, and eslint/stylelint for the dashboard's JS and CSS
	$(BIN)/ruff check ingest medins reporting tests bench scripts
	$(BIN)/ruff format --check ingest medins reporting tests bench scripts
	$(BIN)/mypy
	$(BIN)/sqlfluff lint dbt_project/models queries
	@if command -v npm >/dev/null 2>&1; then \
	  test -d node_modules || npm ci --silent --no-audit --no-fund; \
	  npx --no-install eslint reporting/static && npx --no-install stylelint "reporting/static/*.css"; \
	else echo "npm not found: reporting/static (JavaScript, CSS) is not linted on this machine"; fi

format: $(STAMP) ## apply ruff formatting and import sorting
	$(BIN)/ruff check --fix ingest medins reporting tests bench scripts
	$(BIN)/ruff format ingest medins reporting tests bench scripts

clean: ## remove generated data (never the documents in data/sources)
	! test -d "$$DATA_DIR" || { cd "$$DATA_DIR" && rm -rf raw warehouse.duckdb exports .exports-* .building .dbt; }
	rm -rf dbt_project/target dbt_project/logs

lock: ## re-resolve requirements.lock from pyproject.toml (needs network)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
