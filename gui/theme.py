"""Colours, the style sheet, the icon, and small widget helpers shared by every view.

Light and dark: the window follows the desktop's colour scheme (Qt's style hints) unless
the user chose one (``--color-scheme``, View ▸ Colour scheme). The style sheet
(``resources/suanli.qss``) is a template filled from the palette in use and the user's
font size (:func:`style_sheet`), so every colour and size follows the scheme and the
desktop's font setting; plots take theirs from :func:`plot_colors`.

Everything here is cheap to import (QtWidgets only): the window paints before pyqtgraph
is imported.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from engine.paths import resource_path

STYLE_SHEET = resource_path("suanli.qss")  # found in the source tree and in the frozen app
ICON = resource_path("suanli.svg")

# One colour per meaning, used the same way in every plot (readable on light and dark).
TRAIN = "#1f77b4"  # blue: training
TRAIN_RAW = (31, 119, 180, 70)  # faint blue: raw per-batch values
DEV = "#ff7f0e"  # orange: dev (held-out) set
THROUGHPUT = "#2ca02c"  # green: samples/s
WARN = "#d62728"  # red: throttling, errors
SERIES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MUTED = "#6b7280"

AUTO, LIGHT, DARK = "auto", "light", "dark"
SCHEMES = (AUTO, LIGHT, DARK)  # --color-scheme and View ▸ Colour scheme

# Colours of a meaning that differ by scheme: (on light, on dark).
_STATUS_COLORS = {
    "ok": ("#15803d", "#4ade80"),
    "error": ("#b91c1c", "#f87171"),
    "error_bg": ("#fef2f2", "#3b1719"),
    "notice": ("#92400e", "#fbbf24"),
}
# Font sizes relative to the user's (the desktop's) font.
_FONT_SCALE = {"font_small": 0.85, "font_large": 1.1, "font_title": 1.25, "font_value": 1.6}

_state: dict[str, object] = {"scheme": AUTO, "system_palette": None, "listening": False}
_restyle_hooks: list[Callable[[], None]] = []


def apply_style(app: QApplication, scheme: str | None = None) -> None:
    """Fusion style, the palette of ``scheme`` (``auto``: as the desktop; None: as before),
    the Suanli style sheet filled from it, and the icon (silently skipped when missing).
    In ``auto`` a change of the desktop's scheme restyles the running window."""
    if _state["system_palette"] is None:  # the desktop's palette, before we change it
        _state["system_palette"] = QPalette(app.palette())
    if scheme is not None:
        if scheme not in SCHEMES:
            raise ValueError(f"colour scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
        _state["scheme"] = scheme
    app.setStyle("Fusion")
    dark = is_dark_scheme(app)
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: tell Qt (native dialogs follow)
        wanted = {AUTO: Qt.ColorScheme.Unknown, LIGHT: Qt.ColorScheme.Light}.get(
            str(_state["scheme"]), Qt.ColorScheme.Dark
        )
        hints.setColorScheme(wanted)
    palette = dark_palette() if dark else light_palette(app)
    app.setPalette(palette)
    if STYLE_SHEET.is_file():
        app.setStyleSheet(style_sheet(STYLE_SHEET.read_text(encoding="utf-8"), palette, app.font()))
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    if not _state["listening"]:
        _state["listening"] = True
        hints.colorSchemeChanged.connect(lambda _scheme: _on_system_scheme(app))
    for hook in list(_restyle_hooks):
        hook()


def _on_system_scheme(app: QApplication) -> None:
    if _state["scheme"] == AUTO:
        _state["system_palette"] = None  # the desktop's new palette
        app.setPalette(QPalette())
        apply_style(app)


def current_scheme() -> str:
    """The chosen scheme: ``auto``, ``light`` or ``dark``."""
    return str(_state["scheme"])


def is_dark_scheme(app: QApplication) -> bool:
    """True when the window is to be dark: chosen so, or (``auto``) the desktop is dark:
    Qt's style hints say so, or, where they do not know, the desktop's palette is dark."""
    scheme = _state["scheme"]
    if scheme in (LIGHT, DARK):
        return scheme == DARK
    system = app.styleHints().colorScheme()
    if system != Qt.ColorScheme.Unknown:
        return system == Qt.ColorScheme.Dark
    palette = _state["system_palette"] or app.palette()
    assert isinstance(palette, QPalette)
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def status_color(meaning: str) -> str:
    """The colour of ``meaning`` (``ok``, ``error``, ``error_bg``, ``notice``) readable on
    the palette in use (light or dark), as #rrggbb."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return _STATUS_COLORS[meaning][1 if window.lightness() < 128 else 0]


def on_restyle(hook: Callable[[], None]) -> None:
    """Call ``hook()`` after every :func:`apply_style` (plots recolour themselves)."""
    _restyle_hooks.append(hook)


def light_palette(app: QApplication) -> QPalette:
    """The desktop's own palette when it is light (its accent colour kept), else Fusion's."""
    system = _state["system_palette"]
    if isinstance(system, QPalette) and system.color(QPalette.ColorRole.Window).lightness() >= 128:
        return QPalette(system)
    return app.style().standardPalette()


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (disabled texts visibly dimmer)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: "#1f2125",
        role.WindowText: "#e5e7eb",
        role.Base: "#17181b",
        role.AlternateBase: "#24262b",
        role.ToolTipBase: "#2b2d33",
        role.ToolTipText: "#e5e7eb",
        role.PlaceholderText: "#8b929c",
        role.Text: "#e5e7eb",
        role.Button: "#2b2d33",
        role.ButtonText: "#e5e7eb",
        role.BrightText: "#ffffff",
        role.Light: "#3a3d44",
        role.Midlight: "#32353b",
        role.Mid: "#4b5058",
        role.Dark: "#111214",
        role.Shadow: "#000000",
        role.Highlight: "#3b82f6",
        role.HighlightedText: "#ffffff",
        role.Link: "#60a5fa",
        role.LinkVisited: "#a78bfa",
    }
    for r, c in colors.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#6b7078"))
    p.setColor(group.Disabled, role.Button, QColor("#25272c"))
    return p


def _mix(a: QColor, b: QColor, t: float) -> str:
    """``a`` moved the share ``t`` towards ``b``, as #rrggbb."""
    mixed = QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )
    return mixed.name()


def style_colors(palette: QPalette) -> dict[str, str]:
    """The style sheet's colours, from ``palette`` (its Window lightness says light/dark)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, text = palette.color(role.Window), palette.color(role.WindowText)
    accent = palette.color(role.Highlight)
    dark = window.lightness() < 128
    shade = 1 if dark else 0
    out = {
        "window": window.name(),
        "base": palette.color(role.Base).name(),
        "text": text.name(),
        "panel": _mix(window, text, 0.04),
        "hover": _mix(window, text, 0.08),
        "border": _mix(window, text, 0.16),
        "muted": _mix(text, window, 0.4),
        "disabled": palette.color(group.Disabled, role.ButtonText).name(),
        "disabled_bg": _mix(window, text, 0.22),
        "accent": accent.name(),
        "accent_dark": accent.darker(120).name(),
        "accent_fg": accent.lighter(130).name() if dark else accent.darker(115).name(),
        "accent_text": palette.color(role.HighlightedText).name(),
    }
    out.update({name: pair[shade] for name, pair in _STATUS_COLORS.items()})
    return out


def font_sizes(font: QFont) -> dict[str, str]:
    """The style sheet's font sizes in points, relative to ``font`` (the user's)."""
    base = font.pointSizeF()
    if base <= 0:  # a font sized in pixels
        base = font.pixelSize() * 0.75
    return {name: f"{base * scale:.1f}" for name, scale in _FONT_SCALE.items()}


def style_sheet(template: str, palette: QPalette, font: QFont) -> str:
    """``template`` (resources/suanli.qss) with every ``$name`` filled in."""
    return string.Template(template).substitute(**style_colors(palette), **font_sizes(font))


def plot_colors(palette: QPalette | None = None) -> dict[str, str]:
    """Background, foreground (text), axis, grid and muted colours for the plots."""
    p = palette if palette is not None else QApplication.palette()
    colors = style_colors(p)
    return {
        "background": colors["base"],
        "foreground": colors["text"],
        "axis": colors["border"],
        "muted": colors["muted"],
        "legend": colors["window"],
    }


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    object_name: str = "",
    wrap: bool = False,
    selectable: bool = False,
) -> QLabel:
    """A QLabel that never interprets its text as rich text (names come from devices/files)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fmt_number(value: float | None, digits: int = 3) -> str:
    """Readable number: thousands separators, SI suffix for big values, '–' when unknown."""
    if value is None or not math.isfinite(value):
        return "–"
    a = abs(value)
    if a >= 1e15:
        return f"{value / 1e15:.{digits}g} P"
    if a >= 1e12:
        return f"{value / 1e12:.{digits}g} T"
    if a >= 1e9:
        return f"{value / 1e9:.{digits}g} G"
    if a >= 1e6:
        return f"{value / 1e6:.{digits}g} M"
    if a >= 1000:
        return f"{value:,.0f}"
    if a >= 1 or a == 0:
        return f"{value:.{digits}g}" if a < 100 else f"{value:.0f}"
    return f"{value:.{digits}g}"
