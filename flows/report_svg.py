"""Inline SVG charts for the static report: plain strings, no library, no network.

Every bar carries its own data in an SVG ``<title>`` (a browser shows it on hover, a screen
reader reads it) and its value as text, so a chart is never only a picture.
"""

from __future__ import annotations

from html import escape

FONT = "font-family:system-ui,sans-serif;font-size:12px"
BAR_COLOR = "#4e79a7"
AXIS_COLOR = "#888"
GRID_COLOR = "#e3e3e3"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` gridlines."""
    raw = max(top, 1) / ticks
    power = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def hbars(rows: list[tuple[str, float]], *, label: str, unit: str = "",
          max_value: float | None = None, label_width: int = 260, width: int = 620,
          color: str = BAR_COLOR) -> str:
    """Horizontal bars, one per (name, value) row, in the given order."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    row_height, top = 22, 6
    bar_space = width - label_width - 70
    biggest = max_value or max(value for _, value in rows) or 1
    height = top * 2 + row_height * len(rows)
    parts = [f'<svg role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" style="{FONT}">',
             f"<title>{escape(label)}</title>"]
    for i, (name, value) in enumerate(rows):
        y = top + i * row_height
        length = max(bar_space * value / biggest, 0.5 if value else 0)
        shown = f"{_num(value)}{unit}"
        short = name if len(name) <= 40 else name[:39] + "…"
        parts.append(
            f'<g><title>{escape(name)}: {escape(shown)}</title>'
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}"'
            f' fill="{color}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 15}" fill="#333">'
            f"{escape(shown)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(columns: list[str], series: list[tuple[str, str, list[int]]], *,
                    label: str, ticks: dict[int, str], width: int = 1180,
                    height: int = 300) -> str:
    """Stacked columns: ``columns`` along x (e.g. months), ``series`` = (name, color, values).

    Series stack bottom-up in the given order; ``ticks`` maps column index -> x-axis label.
    """
    if not columns:
        return '<p class="empty">nothing to show</p>'
    left, right, top, bottom = 44, 8, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _, _, values in series) for i in range(len(columns))]
    step = _nice_step(max(totals))
    top_value = step * max(1, -(-max(totals) // step))
    slot = plot_w / len(columns)
    bar_w = max(slot * 0.8, 1)
    parts = [f'<svg role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" style="{FONT}">',
             f"<title>{escape(label)}</title>"]
    tick = 0.0
    while tick <= top_value:
        y = top + plot_h - plot_h * tick / top_value
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID_COLOR}"/><text x="{left - 4}" y="{y + 4:.1f}" '
                     f'text-anchor="end" fill="{AXIS_COLOR}">{_num(tick)}</text>')
        tick += step
    for i, column in enumerate(columns):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        for name, color, values in series:
            value = values[i]
            if not value:
                continue
            h = plot_h * value / top_value
            base -= h
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{color}"><title>{escape(column)} '
                         f"{escape(name)}: {value:,} (of {totals[i]:,})</title></rect>")
        if i in ticks:
            parts.append(f'<line x1="{x + bar_w / 2:.1f}" x2="{x + bar_w / 2:.1f}" '
                         f'y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="{AXIS_COLOR}"/>'
                         f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
                         f'fill="{AXIS_COLOR}">{escape(ticks[i])}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}" stroke="{AXIS_COLOR}"/></svg>')
    return "".join(parts)


def legend(series: list[tuple[str, str]]) -> str:
    """An HTML legend of (name, color) swatches."""
    items = "".join(f'<span class="key"><i style="background:{color}"></i>{escape(name)}</span>'
                    for name, color in series)
    return f'<div class="legend">{items}</div>'
