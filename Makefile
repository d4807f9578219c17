# The two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# TensorFlow with its CUDA libraries (the `gpu` extra) where an NVIDIA driver is found
# (build_spec/gpu_detect.py: /proc/driver/nvidia or NVML); GPU=1 / GPU=0 force it.
GPU ?= auto
comma := ,
GPU_EXTRA := $(shell GPU=$(GPU) $(PYTHON) build_spec/gpu_detect.py --extra 2>/dev/null)
STAMP := $(VENV)/.installed$(subst $(comma),-,$(GPU_EXTRA))
# Tests and the app read the shared MNIST test split from here unless told otherwise.
export SUANLI_DATA_DIR ?= $(abspath ../shared/datasets)

# Translations. resources/i18n/suanli_<lang>.ts are the sources translators edit (Qt
# Linguist); `make translations` refreshes them from gui/**/*.py and compiles the .qm files
# the window loads. The .qm files are committed (a checkout and the frozen build need no
# Qt tools); a .qm older than its .ts is rebuilt before `make run` and `make test`.
TS_FILES := $(wildcard resources/i18n/suanli_*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: venv run test lint bench clean dist dist-gpu dist-check translations lock completions wheel-check

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@GPU=$(GPU) $(PYTHON) build_spec/gpu_detect.py >/dev/null
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test$(GPU_EXTRA)]'
	@rm -f $(VENV)/.installed $(VENV)/.installed-gpu
	@touch $(STAMP)

run: $(STAMP) $(QM_FILES)
	$(PY) -m gui

test: $(STAMP) $(QM_FILES)
	$(PY) -m ruff check engine gui tests bench
	$(PY) -m ruff format --check engine gui tests bench
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --ignore=tests/gui
	QT_QPA_PLATFORM=offscreen PY=$(PY) bash tests/gui/run_gui_tests.sh

translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $(shell find gui -name "*.py" | sort) -ts $(TS_FILES) -no-obsolete -locations relative
	@for ts in $(TS_FILES); do $(VENV)/bin/pyside6-lrelease $$ts -qm $${ts%.ts}.qm || exit 1; done

resources/i18n/%.qm: resources/i18n/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease $< -qm $@

lint: $(STAMP)
	$(PY) -m ruff check engine gui tests bench
	$(PY) -m ruff format --check engine gui tests bench
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) bench/train_throughput.py

# The frozen build's lock files (build_spec/requirements-{cpu,gpu}.lock), from this venv's
# versions; needs the network.
lock: $(STAMP)
	VENV=$(VENV) bash build_spec/lock.sh

# bash/zsh completion of suanli-engine and suanli under build/completions (the frozen
# build makes its own; its install.sh installs them).
completions: $(STAMP)
	$(PY) build_spec/completions.py build/completions

# The wheel, installed in a fresh venv, run from outside the checkout (.ci/wheel_check.sh).
wheel-check: $(STAMP)
	VENV=$(VENV) bash .ci/wheel_check.sh

# The frozen app (dist/suanli/) and its archive (dist/suanli-<version>-linux-<arch>.tar.zst),
# built from the build venv build/venv-cpu. See build_spec/README.md.
dist:
	PYTHON=$(PYTHON) bash build_spec/build.sh
dist-gpu:
	PYTHON=$(PYTHON) bash build_spec/build.sh --gpu
dist-check:
	bash build_spec/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
