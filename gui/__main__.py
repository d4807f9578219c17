"""``python -m gui`` / ``suanli``: the Suanli window.

``--self-test`` opens the window offscreen (unless ``QT_QPA_PLATFORM`` says otherwise),
trains a few steps on synthetic data, takes a telemetry sample, saves ``--screenshot FILE``
if asked, and exits 0, or prints what broke and exits 1. ``--color-scheme`` picks light or
dark (default: the saved choice, else as the desktop). An unknown option is a usage error
(exit 2); Qt's own options are not taken (set ``QT_QPA_PLATFORM`` and the like instead).
The window logs to a rotating file in the per-user log folder (:mod:`gui.app_log`).
"""

from __future__ import annotations

import argparse
import os
import sys


def build_parser() -> argparse.ArgumentParser:
    """The window's command line, in the user's language ($SUANLI_LANG, else the locale:
    as ``python -m engine``; the window itself also follows its View ▸ Language setting)."""
    from engine import version
    from engine.i18n import _
    from engine.i18n.argparse_support import TranslatedArgumentParser
    from engine.i18n.program import WINDOW_COMMAND

    p = TranslatedArgumentParser(
        prog=WINDOW_COMMAND,
        description=_("Suanli (算力): train and profile a CNN on this machine, with live plots."),
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"{WINDOW_COMMAND} {version()}",
        help=_("show the version and exit"),
    )
    p.add_argument(
        "--color-scheme",
        choices=SCHEMES,
        default=None,
        help=_("light or dark window; auto: as the desktop (default: the saved choice, else auto)"),
    )
    p.add_argument(
        "--self-test",
        action="store_true",
        help=_("open the window offscreen, train a few steps, check it all works"),
    )
    p.add_argument(
        "--screenshot", metavar="FILE", help=_("with --self-test: save a PNG of the window")
    )
    p.add_argument("--measure-startup", action="store_true", help=argparse.SUPPRESS)
    return p


SCHEMES = ("auto", "light", "dark")  # gui.theme.SCHEMES (not imported: Qt loads later)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    if args.screenshot and not args.self_test:
        from engine.i18n import _

        build_parser().error(_("--screenshot needs --self-test"))
    if args.screenshot is not None:  # refused now, not after the whole self-test
        from engine.files.output import OutputError, check_output

        try:
            check_output(args.screenshot, what="--screenshot")
        except OutputError as exc:
            build_parser().error(str(exc))
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from gui.theme import apply_style

    if not args.self_test:
        from gui.app_log import start_log

        start_log()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Suanli")
    app.setOrganizationName("Suanli")
    app.setDesktopFileName("suanli")
    from gui.i18n import install as install_translations
    from gui.settings import default_settings

    install_translations(app, settings=default_settings())
    from gui.window.app_menus import saved_scheme

    apply_style(app, args.color_scheme or saved_scheme(default_settings()))
    if args.self_test:
        from gui.self_test import run_self_test

        return run_self_test(app, args.screenshot)

    if args.measure_startup:  # bench/gui_bench.py: print when the window first painted, quit
        from gui.window.qt_main_window import QtMainWindow

        window = QtMainWindow(autostart=False, welcome=False)
        window.first_painted.connect(
            lambda: (print(f"first-paint {window.first_paint_time:.6f}", flush=True), app.quit())
        )
        window.show()
        app.exec()
        window.close()
        return 0

    from gui.qt_app import QtApp

    suanli = QtApp(app, default_settings())
    suanli.stop_on_ctrl_c()  # Ctrl-C in the terminal: stop the run, close, exit 130
    suanli.open()
    return suanli.exit_code(app.exec())


if __name__ == "__main__":
    sys.exit(main())
