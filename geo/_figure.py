"""The figure :func:`geo.plot_map` returns: a matplotlib Figure that shows itself in
Jupyter.

``plot_map`` draws on an Agg canvas without pyplot, so IPython's inline display, which
matplotlib sets up for the figures pyplot makes, never sees it: without a display method
of its own, a notebook cell would show ``<Figure size ...>``. This figure renders itself
as a PNG when a notebook asks (``_repr_png_``), whatever the session's backend, which is
left as it is. Imported only where matplotlib is (the ``plot`` extra).
"""

from __future__ import annotations

from matplotlib.figure import Figure

__all__ = ["NOTEBOOK_DPI", "PlotFigure"]

#: Pixels per inch of the PNG a notebook shows (an A4-wide map: 827 px).
NOTEBOOK_DPI = 100


class PlotFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that a notebook shows as a PNG image."""

    def _repr_png_(self) -> bytes:
        """The figure as PNG bytes at :data:`NOTEBOOK_DPI`, drawn as ``plot_map`` writes
        it (IPython's display calls this)."""
        from .plot import figure_png

        return figure_png(self, dpi=NOTEBOOK_DPI)
