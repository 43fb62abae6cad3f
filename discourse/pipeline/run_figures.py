"""The figures of a run folder, drawn from its theme-count tables as written.

Each figure (:data:`~discourse.pipeline.run_files.FIGURE_FILES`) is drawn from its CSV file
as written, so every engine draws the same figure (their float sums may differ in the last
bits, which the CSV's 6 decimals do not show). A run with worker processes (``jobs > 1``)
draws them at once, each in its own process (drawing and saving a figure is pure Python
work of a second or more); the files are the same bytes either way.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from discourse.coding.codebook import read_codebook
>>> paths = write_run_figures(Path("run"), read_codebook(), {}, jobs=2)   # doctest: +SKIP
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from ..analysis.counts import top_level
from ..analysis.figures.heatmap import plot_speaker_heatmap
from ..analysis.figures.shares import plot_theme_shares
from ..analysis.figures.writer import write_figure
from ..coding.codebook import Codebook
from ..io.export import iter_table_csv, read_table_csv
from .run_files import FIGURE_FILES, FIGURE_FORMATS

__all__ = ["write_run_figures"]

_PLOTS = {"theme_shares": plot_theme_shares, "speaker_heatmap": plot_speaker_heatmap}


def _draw(out: Path, name: str, csv: str, labels: dict, attrs: dict) -> list[Path]:
    """Draw and write one figure of the run folder ``out`` from its CSV file ``csv``.

    The table is read a slice at a time, keeping the top-level themes' rows only (the
    figures' rows): the theme counts by speaker of a large corpus have hundreds of
    thousands of rows, sub-themes included.
    """
    parts = [top_level(part) for part in iter_table_csv(out / csv)]
    as_written = (pd.concat(parts, ignore_index=True) if parts
                  else top_level(read_table_csv(out / csv)))
    as_written.attrs.update(attrs)
    fig = _PLOTS[name](as_written, labels=labels)
    return write_figure(fig, out / "figures" / name, formats=FIGURE_FORMATS)


def write_run_figures(out: Path, codebook: Codebook, attrs: dict[str, dict], *,
                      jobs: int = 1) -> list[Path]:
    """Write the run folder's figures; return their files (in the order of the figures).

    Parameters
    ----------
    out
        The run folder, its count tables already written.
    codebook
        The run's codebook (the themes' labels).
    attrs
        CSV file name -> the ``attrs`` of the count table written to it (carried over to the
        table read back; the tables themselves need not be kept in memory).
    jobs
        Above 1: the figures are drawn at once, each in a process of its own.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from pathlib import Path
    >>> from discourse.coding.codebook import read_codebook
    >>> write_run_figures(Path(tempfile.mkdtemp()), read_codebook(), {}, jobs=1)  # doctest: +SKIP
    """
    labels = {t.id: t.label for t in codebook.themes}
    tasks = [(out, name, csv, labels, dict(attrs.get(csv, {})))
             for name, csv in FIGURE_FILES.items()]
    if jobs <= 1 or len(tasks) < 2:
        return [p for task in tasks for p in _draw(*task)]
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks) - 1)) as pool:
        # the first figure is drawn here while the pool draws the others
        others = [pool.submit(_draw, *task) for task in tasks[1:]]
        first = _draw(*tasks[0])
        return first + [p for future in others for p in future.result()]
