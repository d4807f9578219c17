"""The run form's data rows: the dataset, its folder (typed or browsed), the line that says
whether the files are there, and "Download if missing".

:class:`DataSource` makes these fields and gives them to the run form as rows of its own
``QFormLayout`` (so the labels line up); it words the folder row for the chosen dataset
and fills the status line from :func:`~gui.views.run_form.data_status.find_data_files`.
Its texts are in the run form's translation context ("QtRunForm").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from gui.theme import plain_label
from gui.views.run_form.data_status import DOWNLOADABLE, find_data_files
from gui.views.run_form.form_rows import Row
from gui.widgets.file_dialogs import existing_folder
from gui.wording import DATASET_CHOICES


class DataSource:
    """The dataset and where its files are (no widget of its own: see :meth:`rows`)."""

    def __init__(self) -> None:
        self.dataset = QComboBox()
        for label, value in DATASET_CHOICES:
            self.dataset.addItem(QCoreApplication.translate("QtRunForm", label), value)
        self.data_dir = QLineEdit()
        self.data_dir.setClearButtonEnabled(True)
        self.browse = QToolButton(text=QCoreApplication.translate("QtRunForm", "Browse…"))
        self.data_status = plain_label("", object_name="dataStatus", wrap=True)
        self.download = QCheckBox(QCoreApplication.translate("QtRunForm", "Download if missing"))
        self.data_dir_label = plain_label(QCoreApplication.translate("QtRunForm", "Data folder"))

    def rows(self) -> tuple[Row, ...]:
        """The form rows: dataset, folder, status line (both columns), download."""
        folder = QHBoxLayout()
        folder.setSpacing(4)
        folder.addWidget(self.data_dir, 1)
        folder.addWidget(self.browse)
        return (
            (
                QCoreApplication.translate("QtRunForm", "Dataset"),
                self.dataset,
                QCoreApplication.translate("QtRunForm", "Which images to learn from"),
            ),
            (self.data_dir_label, folder, ""),
            (None, self.data_status, ""),  # None: the row spans both columns
            ("", self.download, ""),
        )

    def set_download_tip(self) -> None:
        self.download.setToolTip(
            QCoreApplication.translate(
                "QtRunForm",
                "When the files are not found, download them from the Keras mirror (MNIST "
                "about 11 MB, Fashion-MNIST about 30 MB), check them and keep them in "
                "Suanli's data folder",
            )
        )

    def folder(self) -> str | None:
        """The typed folder, or None for "look where the files usually are"."""
        return self.data_dir.text().strip() or None

    def show_for_dataset(self, form: QFormLayout, idle: bool) -> None:
        """Enable and word the folder row for the chosen dataset (no folder for synthetic
        data, an image folder for "folder"); show "Download if missing" where it can."""
        dataset = self.dataset.currentData()
        files = dataset != "synthetic"
        self.data_dir.setEnabled(files and idle)
        self.browse.setEnabled(files and idle)
        form.setRowVisible(self.download, dataset in DOWNLOADABLE)
        folder = dataset == "folder"
        self.data_dir_label.setText(
            QCoreApplication.translate("QtRunForm", "Image folder")
            if folder
            else QCoreApplication.translate("QtRunForm", "Data folder")
        )
        self.data_dir.setPlaceholderText(
            QCoreApplication.translate("QtRunForm", "choose a folder…")
            if folder
            else QCoreApplication.translate("QtRunForm", "automatic")
        )
        tip = (
            QCoreApplication.translate(
                "QtRunForm",
                "The folder of your images: one subfolder per class (cat/, dog/, …), "
                "PNG, JPEG, BMP or GIF files inside",
            )
            if folder
            else QCoreApplication.translate(
                "QtRunForm",
                "Folder with the dataset files; empty = look in $SUANLI_DATA_DIR, "
                "then in Suanli's own data folder",
            )
        )
        for w in (self.data_dir_label, self.data_dir):
            w.setToolTip(tip)
        self.browse.setToolTip(
            QCoreApplication.translate("QtRunForm", "Choose the image folder")
            if folder
            else QCoreApplication.translate(
                "QtRunForm", "Choose the folder that holds the dataset files"
            )
        )

    def show_files(self) -> None:
        """Say in the status line whether the dataset's files are there (file checks only)."""
        ok, message = find_data_files(
            self.dataset.currentData(), self.folder(), self.download.isChecked()
        )
        self.data_status.setText(message)
        self.data_status.setProperty("ok", ok)
        self.data_status.style().unpolish(self.data_status)
        self.data_status.style().polish(self.data_status)

    def choose_folder(self, parent: QWidget) -> bool:
        """Ask for the folder in a dialog; True when one was chosen."""
        start = self.data_dir.text().strip()
        title = (
            QCoreApplication.translate("QtRunForm", "Image folder (one subfolder per class)")
            if self.dataset.currentData() == "folder"
            else QCoreApplication.translate("QtRunForm", "Folder with the dataset files")
        )
        path = existing_folder(parent, title, start)
        if path:
            self.data_dir.setText(path)
        return bool(path)
