"""Charts for the HTML report, drawn with matplotlib and returned as inline SVG markup."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402 - the backend must be chosen first

from copilot.evals.results import Metrics  # noqa: E402

_SERIES = (("fact_recall", "fact recall"), ("strict_accuracy", "strict accuracy"),
           ("hit_at_3", "hit@3"))


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        # Text stays text (searchable); the browser's font may run wider than matplotlib
        # measured, so leave room around the figure rather than clip the labels.
        figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.35)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def area_bars(by_area: dict[str, Metrics]) -> str:
    """Grouped bars per area: fact recall, strict accuracy and hit@3 (missing values as 0)."""
    areas = list(by_area)
    figure = Figure(figsize=(max(6.0, 0.9 * len(areas) + 2), 3.6))
    axes = figure.subplots()
    width = 0.8 / len(_SERIES)
    for index, (field, label) in enumerate(_SERIES):
        values = [getattr(by_area[a], field) or 0.0 for a in areas]
        positions = [i + (index - 1) * width for i in range(len(areas))]
        axes.bar(positions, values, width=width, label=label)
    axes.set_xticks(range(len(areas)), [a.replace("_", " ") for a in areas], rotation=35,
                    ha="right", fontsize=8)
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("share of cases / facts")
    axes.set_title("Scores per area")
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(figure)


def latency_histogram(latencies_ms: Sequence[float]) -> str:
    """Histogram of per-case answer latency, with the median and p95 marked."""
    figure = Figure(figsize=(6.0, 3.2))
    axes = figure.subplots()
    if latencies_ms:
        axes.hist(latencies_ms, bins=min(30, max(5, len(latencies_ms) // 4)), color="#4c72b0")
        ordered = sorted(latencies_ms)
        for q, style in ((0.5, "--"), (0.95, ":")):
            value = ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]
            axes.axvline(value, color="#c44e52", linestyle=style,
                         label=f"p{int(q * 100)} {value:.0f} ms")
        axes.legend(fontsize=8)
    axes.set_xlabel("latency (ms)")
    axes.set_ylabel("cases")
    axes.set_title("Answer latency")
    return _svg(figure)
