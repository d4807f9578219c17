"""``python -m gui`` / ``suanli``: the Suanli window.

``--self-test`` opens the window offscreen (unless ``QT_QPA_PLATFORM`` says otherwise),
trains a few steps on synthetic data, takes a telemetry sample, saves ``--screenshot FILE``
if asked, and exits 0, or prints what broke and exits 1.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys


def _parser() -> argparse.ArgumentParser:
    """The window's command line, in the user's language ($SUANLI_LANG, else the locale:
    as ``python -m engine``; the window itself also follows its View ▸ Language setting)."""
    from engine.i18n import _
    from engine.i18n.argparse_support import TranslatedArgumentParser

    p = TranslatedArgumentParser(
        prog="suanli",
        description=_("Suanli (算力): train and profile a CNN on this machine, with live plots."),
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args, qt_args = _parser().parse_known_args(argv)
    if args.screenshot and not args.self_test:
        from engine.i18n import _

        _parser().error(_("--screenshot needs --self-test"))
    if args.screenshot is not None:  # refused now, not after the whole self-test
        from engine.files.output import OutputError, check_output

        try:
            check_output(args.screenshot, what="--screenshot")
        except OutputError as exc:
            _parser().error(str(exc))
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from gui.theme import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("Suanli")
    app.setOrganizationName("Suanli")
    app.setDesktopFileName("suanli")
    from gui.i18n import install as install_translations
    from gui.settings import default_settings

    install_translations(app, settings=default_settings())
    apply_style(app)
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

    def _on_sigint(*_: object) -> None:  # Ctrl-C in the terminal: stop the run and close
        window = suanli.window
        if window is not None:
            window.confirm_stop = lambda: True  # type: ignore[method-assign]
            window.close()

    signal.signal(signal.SIGINT, _on_sigint)
    suanli.open()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
