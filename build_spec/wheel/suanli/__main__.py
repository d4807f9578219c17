"""``python -m suanli COMMAND …``: the headless CLI of an installed Suanli (as
``suanli-engine``; in a checkout, ``python -m engine``)."""

from __future__ import annotations

import sys

from suanli.launch import engine_cli

sys.exit(engine_cli())
