"""Write a figure as PNG (300 dpi), PDF and SVG, atomically, with the same bytes each time.

Examples
--------
>>> import tempfile, pathlib
>>> from matplotlib.figure import Figure
>>> from discourse.analysis.figures.writer import write_figure
>>> out = pathlib.Path(tempfile.mkdtemp()) / "fig"
>>> [p.name for p in write_figure(Figure(), out, formats=("pdf",))]
['fig.pdf']
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from ...errors import ParameterError
from ...io.files import check_writable, write_atomic
from .style import MAX_PIXELS

__all__ = ["write_figure"]

_METADATA = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
}


def write_figure(
    fig: Figure,
    path_stem: str | os.PathLike,
    *,
    formats: Sequence[str] = ("png", "pdf", "svg"),
    dpi: int = 300,
    overwrite: bool = True,
) -> list[Path]:
    """Write ``fig`` as ``<path_stem>.png``/``.pdf``/``.svg``, atomically and reproducibly.

    Dates, software versions and random ids are left out of the files (matplotlib
    ``metadata=`` and a fixed ``svg.hashsalt``), so the same figure gives the same bytes.

    Parameters
    ----------
    fig
        The figure.
    path_stem
        Path without suffix (a suffix among ``formats`` is dropped).
    formats
        Any of ``"png"``, ``"pdf"``, ``"svg"``.
    dpi
        Resolution of the PNG (default 300), lowered if needed so that neither side of the
        image exceeds :data:`~discourse.analysis.figures.style.MAX_PIXELS`.
    overwrite
        Replace existing files (default True); False raises ExportError before writing any.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "fig"
    >>> [p.name for p in write_figure(Figure(), out, formats=("png", "svg"))]
    ['fig.png', 'fig.svg']
    """
    if not isinstance(fig, Figure):
        raise ParameterError(f"write_figure: expected a matplotlib Figure, got {type(fig).__name__}")
    formats = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in formats if f not in _METADATA]
    if bad or not formats:
        raise ParameterError(
            f"write_figure: formats={formats!r}; valid formats: {', '.join(_METADATA)}"
        )
    stem = Path(path_stem)
    if stem.suffix.lstrip(".").lower() in _METADATA:
        stem = stem.with_suffix("")
    paths = [stem.with_name(f"{stem.name}.{fmt}") for fmt in formats]
    for path in paths:
        check_writable(path, overwrite=overwrite)
    dpi = min(dpi, MAX_PIXELS / max(max(fig.get_size_inches()), 1e-9))
    with rc_context({"svg.hashsalt": "discourse", "svg.fonttype": "path", "pdf.fonttype": 42}):
        for fmt, path in zip(formats, paths):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            write_atomic(path, buffer.getvalue(), overwrite=overwrite)
    return paths
