# gov-inspector — two commands for a fresh Debian/Ubuntu machine:
#   make demo   audit the bundled sample government sites and write reports/index.html
#   make test   run the test suite
# Both create .venv, install the package and make sure a Chromium and a CJK font exist.
# Re-running them reinstalls nothing that is already there.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-stamp
SYSDEPS = $(VENV)/.system-deps-stamp
PYTEST_ARGS ?=

.PHONY: demo test test-quick lint setup system-deps bench bench-programme clean

demo: setup
	$(VENV)/bin/inspector demo --out reports

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-quick: setup
	$(PY) -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

# The habits CI holds before the tests: ruff lint, ruff format, mypy on inspector/ and checks/.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

setup: $(STAMP) $(SYSDEPS)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

# Chromium + CJK font: a Playwright-managed browser or the system one; installed with apt when
# running as root, otherwise one sentence says what to install.
$(SYSDEPS): scripts/ensure-system-deps.sh | $(STAMP)
	@PY=$(PY) bash scripts/ensure-system-deps.sh
	@touch $(SYSDEPS)

system-deps:
	@PY=$(PY) bash scripts/ensure-system-deps.sh

# Accuracy on the real pages of ../shared/realworld, then speed and memory (each prints a last RESULT line).
bench: setup
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/dates_eval.py
	$(PY) bench/columns_eval.py
	$(PY) bench/identity_eval.py
	$(PY) bench/boards_eval.py
	$(PY) bench/fp_eval.py
	$(PY) bench/crawl_bench.py
	$(PY) bench/hostile_bench.py

# The distributed engine: 200 sample counties on 1, 2 and 4 Celery workers (hours on 2 cores).
bench-programme: setup
	$(PY) bench/programme_bench.py

clean:
	rm -rf reports build dist *.egg-info .pytest_cache
