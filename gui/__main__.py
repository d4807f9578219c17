"""``python -m gui`` / ``suanli``: the Suanli window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv if argv is None else ["suanli", *argv])
    label = QLabel("Suanli (算力) — compute-power workbench")
    label.resize(640, 400)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
