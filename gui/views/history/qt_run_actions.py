"""What the History tab does to the selected runs: one action each (Open, Rename…, Tags…,
Export report…, Delete…, Copy command), shown as buttons under the table, in the table's
context menu (right-click) and on keys (Enter opens, F2 renames, Delete deletes).

Every action follows the table's *selection* (a click, the arrow keys, Ctrl/Shift-click):
Rename and Export need one run, Tags and Delete take several. "Export report…" writes the
run's self-contained HTML report (``python -m engine runs html ID FILE``) or, chosen by the
file type, its JSON score card (``runs export``): the type follows the file name's ending,
else the type picked in the dialog, so a ``.html`` file always holds HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton

from engine.store.records import RunSummary
from gui.widgets.file_dialogs import save_file_name

HTML, CARD = "html", "card"
SUFFIXES = {".html": HTML, ".htm": HTML, ".json": CARD}


def export_kind(path: str, chosen_filter: str, card_filter: str) -> tuple[str, str]:
    """``(kind, path)`` for a file picked in the export dialog: the kind follows the file's
    ending (``.html``/``.htm``: the report, ``.json``: the card); a name with another ending
    gets the type picked in the dialog and that type's ending added."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix], path
    kind = CARD if chosen_filter == card_filter else HTML
    return kind, path + (".json" if kind == CARD else ".html")


class QtRunActions(QObject):
    """The actions on the runs selected in ``view``'s table (a
    :class:`~gui.views.history.qt_history_view.QtHistoryView`), and the buttons that show
    them."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        table = view.table
        self.open_action = self._action(self.tr("Open"), self._on_open, "Return")
        self.rename_action = self._action(self.tr("Rename…"), self._on_rename, "F2")
        self.tags_action = self._action(self.tr("Tags…"), self._on_tags)
        self.export_action = self._action(self.tr("Export report…"), self._on_export)
        self.delete_action = self._action(
            self.tr("Delete…"), self._on_delete, QKeySequence.StandardKey.Delete
        )
        self.copy_action = self._action(self.tr("Copy command"), self._on_copy_command)
        self.import_action = self._action(self.tr("Import cards…"), view.ask_import)
        self.rename_action.setToolTip(self.tr("Give the selected run a name (or double-click it)"))
        self.tags_action.setToolTip(
            self.tr("Set the tags of the selected runs (words to find them by)")
        )
        self.export_action.setToolTip(
            self.tr(
                "Save the selected run as an HTML report (plots, test report, score card) "
                "or, for a benchmark, its score card as JSON"
            )
        )
        self.copy_action.setToolTip(
            self.tr("Copy the command that shows this run in a terminal (python -m engine …)")
        )
        self.import_action.setToolTip(
            self.tr("Add score cards from other machines (JSON files) to compare them")
        )
        for action in (self.open_action, self.rename_action, self.delete_action):
            table.addAction(action)  # their keys work while the table has the focus
        table.installEventFilter(self)  # the keys also without an active window
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_context_menu)

        self.rename_button = self._button(self.rename_action)
        self.tags_button = self._button(self.tags_action)
        self.export_button = self._button(self.export_action)
        self.delete_button = self._button(self.delete_action)
        self.import_button = self._button(self.import_action)
        self.menu: QMenu | None = None  # the context menu while it is open (for tests)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        key: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self.view)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _=False: slot())
        return action

    @staticmethod
    def _button(action: QAction) -> QPushButton:
        """A push button that triggers ``action`` and follows its enabled state."""
        button = QPushButton(action.text())
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            keys = {
                Qt.Key.Key_Delete: self.delete_action,
                Qt.Key.Key_Return: self.open_action,
                Qt.Key.Key_Enter: self.open_action,
            }
            action = keys.get(Qt.Key(event.key()))
            if action is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if action.isEnabled():
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    # -- state -------------------------------------------------------------------------
    def update(self, selected: Sequence[RunSummary]) -> None:
        """Enable what applies to the runs selected now."""
        one = len(selected) == 1
        running = any(s.status == "running" for s in selected)
        self.open_action.setEnabled(one)
        self.rename_action.setEnabled(one)
        self.export_action.setEnabled(one)
        self.copy_action.setEnabled(one)
        self.tags_action.setEnabled(bool(selected))
        self.delete_action.setEnabled(bool(selected) and not running)
        tip = (
            self.tr("A running run cannot be deleted; stop it first")
            if running
            else self.tr("Delete the selected runs with their checkpoints (asks first)")
        )
        self.delete_action.setToolTip(tip)
        self.delete_button.setToolTip(tip)

    def _on_context_menu(self, pos: QPoint) -> None:
        view = self.view
        index = view.table.indexAt(pos)
        if index.isValid() and not view.table.selectionModel().isRowSelected(index.row()):
            view.select_run(view.model.summary(index.row()).id)
        menu = QMenu(view.table)
        for action in (self.open_action, self.rename_action, self.tags_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        self.menu = menu
        menu.aboutToHide.connect(lambda: setattr(self, "menu", None))
        menu.popup(view.table.viewport().mapToGlobal(pos))

    # -- the actions -----------------------------------------------------------------------
    def _one(self) -> RunSummary | None:
        selected = self.view.selected_summaries()
        return selected[0] if len(selected) == 1 else None

    def _on_open(self) -> None:
        s = self._one()
        if s is not None:
            self.view.open_run(s.id)

    def _on_rename(self) -> None:
        s = self._one()
        if s is not None:
            self.view.ask_rename(s)

    def _on_tags(self) -> None:
        selected = self.view.selected_summaries()
        if selected:
            self.view.ask_tags(selected)

    def _on_delete(self) -> None:
        selected = self.view.selected_summaries()
        if selected and self.delete_action.isEnabled():
            self.view.delete_runs([s.id for s in selected])

    def _on_copy_command(self) -> None:
        s = self._one()
        if s is not None:
            QGuiApplication.clipboard().setText(f"python -m engine runs show {s.id}")

    def _on_export(self) -> None:
        s = self._one()
        if s is None:
            return
        html_filter = self.tr("HTML report (*.html *.htm)")
        card_filter = self.tr("Score card (*.json)")
        filters = [html_filter] + ([card_filter] if s.has_card else [])
        path, chosen = save_file_name(
            self.view,
            self.tr("Export run {run}").format(run=s.id),
            f"suanli-run{s.id}.html",
            ";;".join(filters),
        )
        if not path:
            return
        kind, path = export_kind(path, chosen, card_filter)
        if kind == CARD:
            self.view.export_card(s.id, path)
        else:
            self.view.export_report(s.id, path)
