""" "Save PNG…" on a plot: twice the screen size, the plot's title above, its legend below
the data (the legend inside the plot, which can cover a curve, is left out)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from gui.widgets.qt_plot_panel import QtPlotPanel


def colour_rows(image: QImage, colour: QColor, x_step: int = 1) -> set[int]:
    """The rows of ``image`` holding a pixel close to ``colour``."""
    rows = set()
    for y in range(image.height()):
        for x in range(0, image.width(), x_step):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) < 40
                and abs(c.green() - colour.green()) < 40
                and abs(c.blue() - colour.blue()) < 40
            ):
                rows.add(y)
                break
    return rows


def test_save_png_is_twice_the_screen_size_with_title_and_legend_below(
    qtbot, tmp_path, monkeypatch
):
    panel = QtPlotPanel("Loss", "step", "loss")
    qtbot.addWidget(panel)
    panel.resize(420, 320)
    panel.show()
    qtbot.waitExposed(panel)
    panel.add_curve("raw", "loss per batch", "#0000ff", width=2)
    panel.add_curve("dev", "dev loss", "#ff0000", width=2)
    x = np.arange(1.0, 51.0)
    panel.set_data("raw", x, 1 / x)
    panel.set_data("dev", x, 1.5 / x)
    out = tmp_path / "loss.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    image = QImage(str(out))
    view = panel.plot_widget
    assert image.width() == 2 * view.width()
    assert image.height() > 2 * view.height()
    assert panel.legend.isVisible()  # the window's own plot keeps its legend
    # the title is drawn above the plot: dark pixels in the top band
    assert colour_rows(image.copy(0, 0, image.width(), 40), QColor("#1f2933"))
    # each curve's colour shows in the legend band at the bottom, below the plot area
    for colour in ("#0000ff", "#ff0000"):
        rows = colour_rows(image, QColor(colour), x_step=2)
        assert max(rows) > image.height() - 50, colour


def test_a_plot_without_a_legend_saves_without_one(qtbot, tmp_path):
    panel = QtPlotPanel("Device", legend=False)
    qtbot.addWidget(panel)
    panel.resize(300, 200)
    panel.add_curve("a", "a", "#00ff00")
    panel.set_data("a", np.arange(3.0), np.arange(3.0))
    image = panel.png_image()
    assert image.width() == 2 * panel.plot_widget.width()
