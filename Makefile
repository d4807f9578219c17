# The two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Tests and the app read the shared MNIST test split from here unless told otherwise.
export SUANLI_DATA_DIR ?= $(abspath ../shared/datasets)

.PHONY: venv run test lint bench clean dist dist-gpu dist-check

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m gui

test: $(STAMP)
	$(PY) -m ruff check engine gui tests bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check engine gui tests bench
	$(PY) -m ruff format --check engine gui tests bench

bench: $(STAMP)
	$(PY) bench/train_throughput.py

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
