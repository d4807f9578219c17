#!/usr/bin/env bash
# Runs the GUI tests in their own process, with a watchdog.
#
# Known issue (open): rarely, the Qt main thread and a TensorFlow worker thread stop
# together, each waiting for the GIL, while a window trains (stacks seen in
# test_main_window/test_resume/test_compression_view runs). A hung run is killed after
# GUI_TEST_WATCHDOG_S, its stacks are dumped by faulthandler first, and it is run again
# (at most 3 attempts). Any real failure fails at once.
set -uo pipefail
PY=${PY:-.venv/bin/python}
WATCHDOG_S=${GUI_TEST_WATCHDOG_S:-420}
for attempt in 1 2 3; do
  timeout -s KILL "$WATCHDOG_S" "$PY" -m pytest -q tests/gui -o faulthandler_timeout=180 "$@"
  rc=$?
  if [ "$rc" -ne 137 ]; then
    exit "$rc"
  fi
  echo "GUI tests: run $attempt hung and was stopped after ${WATCHDOG_S}s (known GIL hang, see $0); running them again" >&2
done
echo "GUI tests: hung 3 times" >&2
exit 1
