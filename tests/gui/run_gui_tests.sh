#!/usr/bin/env bash
# Runs the GUI tests in their own process, with a watchdog.
#
# The window's tests once hung rarely (about 1 run in 4): a Python cycle collection on the
# TensorFlow worker freed Qt objects there and ~QObject deadlocked with the GUI thread.
# gui/main_thread_gc.py fixed that (tests/gui/test_main_thread_gc.py guards it). Should
# anything hang again, faulthandler dumps every thread's stack after 180 s of one test and
# the watchdog ends the run after GUI_TEST_WATCHDOG_S: a hang fails, it is never retried.
set -uo pipefail
PY=${PY:-.venv/bin/python}
WATCHDOG_S=${GUI_TEST_WATCHDOG_S:-900}
timeout -s KILL "$WATCHDOG_S" "$PY" -m pytest -q tests/gui -o faulthandler_timeout=180 "$@"
rc=$?
if [ "$rc" -eq 137 ]; then
  echo "GUI tests: stopped after ${WATCHDOG_S}s (a hang: see the stacks above)" >&2
  exit 1
fi
exit "$rc"
