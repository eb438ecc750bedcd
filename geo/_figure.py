"""The figure :func:`geo.plot_map` returns: a matplotlib Figure that shows itself in
Jupyter.

``plot_map`` draws on an Agg canvas without pyplot, so IPython's inline display, which
matplotlib sets up for the figures pyplot makes, never sees it: without a display method
of its own, a notebook cell would show ``<Figure size ...>``. This figure renders itself
as a PNG when a notebook asks (``_repr_png_``), whatever the session's backend, which is
left as it is. Imported only where matplotlib is (the ``plot`` extra).
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from ._files import write_file_atomic

__all__ = ["METADATA", "NOTEBOOK_DPI", "RC_PARAMS", "PlotFigure", "figure_png", "save_figure"]

#: Pixels per inch of the PNG a notebook shows (an A4-wide map: 827 px).
NOTEBOOK_DPI = 100


class PlotFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that a notebook shows as a PNG image."""

    def _repr_png_(self) -> bytes:
        """The figure as PNG bytes at :data:`NOTEBOOK_DPI`, drawn as ``plot_map`` writes
        it (IPython's display calls this)."""
        return figure_png(self, dpi=NOTEBOOK_DPI)


#: What a saved figure says of itself: nothing that changes from run to run.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
#: matplotlib settings for every figure: the same bytes each time, text as text.
RC_PARAMS = {
    "svg.hashsalt": "bri-corridors",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "text.parse_math": False,  # a "$" in a layer's name is text, not TeX
    "lines.scale_dashes": False,  # dashes in points, as the CSS dashes are in px
    "font.family": "DejaVu Sans",
}


def figure_png(fig: Figure, *, dpi: float | None = None) -> bytes:
    """``fig`` as PNG bytes, drawn as :func:`save_figure` draws it (at ``dpi``, default the
    figure's): what a notebook shows of :func:`plot_map`'s figure."""
    import io

    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context(RC_PARAMS):
        fig.savefig(out, format="png", dpi=dpi or fig.dpi, metadata=METADATA["png"],
                    facecolor="white")  # fmt: skip
    return out.getvalue()


def save_figure(fig: Figure, path: str | Path, fmt: str) -> Path:
    """Write ``fig`` to ``path`` atomically in format ``fmt`` (png, svg or pdf), with no
    date or version in it, so the same figure gives the same bytes."""
    import matplotlib

    def write(tmp: Path) -> None:
        with matplotlib.rc_context(RC_PARAMS):
            fig.savefig(tmp, format=fmt, metadata=METADATA[fmt], facecolor="white")

    return write_file_atomic(path, write, what="the figure")
