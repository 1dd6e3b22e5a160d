# Two commands from a fresh clone:
#   make run    create .venv, install (with the natural voice), start the app
#   make test   create .venv, install with dev tools, then ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Sound (simpleaudio) compiles against ALSA headers; where it cannot build, the app runs silently.
# The voice extra (hibari-tts, the natural voice) needs onnxruntime; without it espeak-ng speaks.
# The render extra (soundfile, pyloudnorm, mutagen) saves sessions as audio files.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@# One pip run with every extra (the usual case); where one can't install, each is tried alone
	@# so the others still come, with a line saying what is missing and what that means.
	@$(BIN)/pip install -q -e '.[sound,voice,render,desktop,editor]' >/dev/null 2>&1 || { \
	  $(BIN)/pip install -q -e . && \
	  { $(BIN)/pip install -q -e '.[sound]' >/dev/null 2>&1 \
	    || echo "note: sound extra not installed (needs libasound2-dev); sessions will be silent"; \
	  $(BIN)/pip install -q -e '.[voice]' >/dev/null 2>&1 \
	    || echo "note: voice extra not installed (hibari-tts); espeak-ng will speak instead"; \
	  $(BIN)/pip install -q -e '.[render]' >/dev/null 2>&1 \
	    || echo "note: render extra not installed; \`session-player render\` will say how to add it"; \
	  $(BIN)/pip install -q -e '.[desktop]' >/dev/null 2>&1 \
	    || echo "note: desktop extra not installed (dbus-fast); KDE's notifications are not held"; \
	  $(BIN)/pip install -q -e '.[editor]' >/dev/null 2>&1 \
	    || echo "note: editor extra not installed (tree-sitter-toml); the editor shows plain text"; \
	  }; }
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	@$(BIN)/session-player $(ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check session_player tests bench tools
	$(BIN)/ruff check session_player tests bench tools
	$(BIN)/mypy

# The whole suite runs with the network cut where this machine can cut it (unshare), so the
# voice engines' tests (and every other) prove nothing reaches the network.
NO_NETWORK := $(shell unshare -n true 2>/dev/null && echo unshare -n \
	|| (unshare -rn true 2>/dev/null && echo unshare -rn))

# The suite runs in TEST_JOBS processes (pytest-xdist): most of its time is spent waiting on
# real devices and programs, so three overlap well even on two cores. TEST_JOBS=0 runs it in one.
TEST_JOBS ?= 3

test: lint
	@[ -n "$(NO_NETWORK)" ] || echo "note: unshare can't cut the network here; the tests run with it"
	$(NO_NETWORK) $(BIN)/pytest -n $(TEST_JOBS) --dist worksteal --durations=15

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
