# Two entry points for a fresh machine: `make run` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=
export ANONYMIZED_TELEMETRY=False

.PHONY: install browser postgres run serve index test lint bench bench-llm eval

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q torch==2.13.0
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium from Debian for the browser tests (no browser download).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

# PostgreSQL server binaries from Debian, so the PostgreSQL test cases (audit store, sessions and
# sign-in throttling across two app instances) run on a fresh machine instead of skipping.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)

# Exit code 1 means some files failed to index (listed in the report): still serve the rest.
index: install
	$(VENV)/bin/copilot index || test $$? -eq 1

run: install index
	$(VENV)/bin/copilot serve

# Two processes, a test file each at a time (a file's fixtures are set up once): CI's 30 minutes.
test: install browser postgres
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -q -n 2 --dist loadfile

lint: install
	$(VENV)/bin/ruff check .

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# The eval suites through a real local model server beside the grounded drafter; needs
# COPILOT_OPENAI_BASE_URL (not in CI, not in `make bench`).
bench-llm: install index
	$(PY) benchmarks/llm_side_by_side.py

eval: install index
	$(VENV)/bin/copilot eval run --json reports/eval.json --junit reports/eval.xml --html reports/eval.html
