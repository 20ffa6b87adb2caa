# Two commands for a newcomer: `make run` (serve on the embedded defaults) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FERRETDB := .cache/ferretdb
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_DISABLE_TELEMETRY := 1
export HF_HUB_OFFLINE := 1

.PHONY: run test test-fast test-under-load lint pytest bench ferretdb system-packages natural-voices clean

run: $(VENV)/.runtime
	$(PY) app.py

test: system-packages $(VENV)/.dev natural-voices ferretdb lint pytest

# Debian packages the tests need: Chromium for the browser tests, ffmpeg for the listen-only
# player. Installed only when missing (as root, or through sudo).
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! command -v ffmpeg >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium ffmpeg >/dev/null; \
	fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# pytest exits 5 when it collected no test: that must fail, not pass silently. The suite runs in
# PYTEST_WORKERS processes, a test file to a process (its module-scoped apps stay in one process).
PYTEST_WORKERS ?= 2
pytest: $(VENV)/.dev
	@$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

# The set to run while editing (under two minutes): the pure parts and the quick app tests; the
# tests marked slow (whole shows, real voices, browsers, fuzzing, fault drills) are left out.
test-fast: $(VENV)/.dev
	@$(MAKE) --no-print-directory pytest PYTEST_ARGS='-m "not slow" $(PYTEST_ARGS)'

# The whole suite while four busy loops hog the cores: the suite must not need an idle machine.
BUSY_LOOPS := 4
test-under-load: system-packages $(VENV)/.dev natural-voices ferretdb
	@hogs=""; for i in $$(seq $(BUSY_LOOPS)); do $(PY) -c 'while True: pass' & hogs="$$hogs $$!"; done; \
	trap "kill $$hogs 2>/dev/null" EXIT INT TERM; \
	start=$$(date +%s); $(MAKE) --no-print-directory pytest; status=$$?; \
	echo "test-under-load: pytest exited $$status after $$(( $$(date +%s) - start )) s beside $(BUSY_LOOPS) busy loops"; \
	exit $$status

bench: $(VENV)/.dev ferretdb
	$(PY) -m devtools.bench $(BENCH_ARGS)

# The natural voice tier (RADIOMIRCHI_VOICES=natural): Kokoro-82M's Python packages, and its
# voice styles from the npm package kokoro-js (npm pack: the registry's tarball, no scripts run).
KOKORO_JS := kokoro-js@1.2.1
KOKORO_VOICES := .cache/kokoro-js
natural-voices: $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-natural.txt
	mkdir -p $(KOKORO_VOICES)
	cd $(KOKORO_VOICES) && rm -f kokoro-js-*.tgz && npm pack --silent $(KOKORO_JS) >/dev/null \
		&& tar -xzf kokoro-js-*.tgz --strip-components=1 package/voices package/LICENSE \
		&& rm -f kokoro-js-*.tgz
	$(PY) -c "from radiomirchi.speech.tts import kokoro; m = kokoro.missing(); print(m or 'natural voices installed'); raise SystemExit(1 if m else 0)"

# The MongoDB-compatible test server (FerretDB as a library); skipped when Go is missing.
ferretdb:
	@if command -v go >/dev/null 2>&1; then \
		cd tools/ferretdb && go build -o ../../$(FERRETDB) . ; \
	else echo "Go not found: the MongoDB test leg needs MONGODB_URI instead"; fi

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
