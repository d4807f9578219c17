import sys

try:
    from engine.cli.main import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C while modules are still loading
    try:
        from engine.i18n import _

        word = _("interrupted")
    except BaseException:  # noqa: BLE001 - a second Ctrl-C, or i18n not loaded: English
        word = "interrupted"
    sys.stderr.write(f"\n{word}\n")
    code = 130
sys.exit(code)
