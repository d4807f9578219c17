"""Bash and zsh completion of ``suanli-engine`` and ``suanli``, generated from their
argparse parsers with shtab at build time (``build.sh``; ``make completions`` in a
checkout), so they always match the commands' options.

    python build_spec/completions.py OUT_DIR

writes ``OUT_DIR/bash/suanli-engine``, ``OUT_DIR/bash/suanli``, ``OUT_DIR/zsh/_suanli-engine``
and ``OUT_DIR/zsh/_suanli``; ``install.sh`` copies them to
``$PREFIX/share/bash-completion/completions`` and ``$PREFIX/share/zsh/site-functions``.
The completion is made in English (help texts are shown by zsh), whatever the locale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHELLS = ("bash", "zsh")


def parsers() -> dict:
    """Command name -> its parser, as that command builds it."""
    os.environ["SUANLI_LANG"] = "en"
    sys.path.insert(0, str(ROOT))
    saved = sys.argv[0]
    try:
        sys.argv[0] = "suanli-engine"  # the program name the parser takes (engine.i18n.program)
        from engine.cli.main import build_parser as engine_parser
        from gui.__main__ import build_parser as window_parser

        return {"suanli-engine": engine_parser(), "suanli": window_parser()}
    finally:
        sys.argv[0] = saved


def file_name(shell: str, command: str) -> str:
    return command if shell == "bash" else f"_{command}"


def generate(out_dir: Path) -> list[Path]:
    """Write every command's completion for every shell under ``out_dir``."""
    import shtab

    written = []
    for command, parser in parsers().items():
        parser.prog = command
        for shell in SHELLS:
            folder = out_dir / shell
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / file_name(shell, command)
            path.write_text(shtab.complete(parser, shell=shell), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: completions.py OUT_DIR")
    for path in generate(Path(sys.argv[1])):
        print(path)
