"""Run the project's notebooks headlessly, with parameters, and keep the executed copies.

Each notebook in ``notebooks/`` has a cell tagged ``parameters`` (papermill's convention)
that names the corpus, codebook, actors file and output folder. :func:`execute_notebooks`
runs them with papermill, injecting new values, and writes the executed copies to an
output folder, so ``make reproduce`` runs them on the sample and a user runs them on her own
corpus with ``discourse notebooks --corpus my_readouts/ --out results/``.

Examples
--------
>>> from discourse.pipeline.notebooks import list_notebooks
>>> [p.name for p in list_notebooks("notebooks")][:1]        # doctest: +SKIP
['01-sample-readout.ipynb']
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ParameterError

__all__ = ["list_notebooks", "execute_notebooks", "KERNEL_NAME"]

#: Parameters that name files or folders: made absolute before injection.
PATH_PARAMETERS = ("CORPUS", "CODEBOOK", "ACTORS", "RESULTS", "HAND_CODING",
                   "HAND_CODED_CORPUS")

#: The Jupyter kernel that `make install` registers for the project's environment.
KERNEL_NAME = "discourse"


def list_notebooks(folder: str | os.PathLike = "notebooks") -> list[Path]:
    """Return the numbered notebooks of ``folder`` in order (``01-…``, ``02-…``).

    Raises
    ------
    ParameterError
        If the folder does not exist or holds no notebook.

    Examples
    --------
    >>> [p.name for p in list_notebooks("notebooks")][:1]        # doctest: +SKIP
    ['01-sample-readout.ipynb']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"{folder}: no such folder of notebooks; give the notebooks/ folder")
    found = sorted(p for p in folder.glob("[0-9]*.ipynb") if p.is_file())
    if not found:
        raise ParameterError(f"{folder}: holds no numbered notebook (01-….ipynb)")
    return found


def _kernel_name() -> str:
    """The project's kernel if it is registered, else the running Python's."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        if KERNEL_NAME in KernelSpecManager().find_kernel_specs():
            return KERNEL_NAME
    except Exception:  # pragma: no cover - jupyter_client missing or broken
        pass
    return "python3"


def execute_notebooks(
    folder: str | os.PathLike = "notebooks",
    *,
    out: str | os.PathLike,
    parameters: dict | None = None,
    names: list[str] | None = None,
    timeout: int = 600,
) -> list[Path]:
    """Execute the notebooks of ``folder`` with papermill and write the executed copies.

    Parameters
    ----------
    folder
        The folder of notebooks (each with a ``parameters`` cell).
    out
        Where the executed copies go (created if needed); the source notebooks are never
        modified.
    parameters
        Values injected after the parameters cell, e.g. ``{"CORPUS": "/data/readouts"}``.
        The values of :data:`PATH_PARAMETERS` are resolved against the current folder before
        injection, since the notebooks run in their own folder.
    names
        Only the notebooks whose file names start with one of these (e.g. ``["01"]``).
    timeout
        Seconds one cell may run.

    Returns
    -------
    list of Path
        The executed notebooks.

    Raises
    ------
    papermill.PapermillExecutionError
        If a cell raises: the error names the notebook and the cell.

    Examples
    --------
    >>> execute_notebooks("notebooks", out="results/notebooks",      # doctest: +SKIP
    ...                   parameters={"CORPUS": "my_readouts/"}, names=["01"])
    [PosixPath('results/notebooks/01-sample-readout.ipynb')]
    """
    import papermill

    notebooks = list_notebooks(folder)
    if names:
        notebooks = [p for p in notebooks if any(p.name.startswith(n) for n in names)]
        if not notebooks:
            raise ParameterError(f"no notebook of {folder} starts with {names}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    params = {}
    for key, value in (parameters or {}).items():
        if key in PATH_PARAMETERS and isinstance(value, (str, os.PathLike)) and str(value):
            value = str(Path(value).resolve())  # the notebooks run in their own folder
        params[key] = value
    written = []
    kernel = _kernel_name()
    for nb in notebooks:
        target = out / nb.name
        partial = out / f".{nb.name}.partial.ipynb"
        papermill.execute_notebook(
            str(nb),
            str(partial),
            parameters=params,
            cwd=str(nb.parent),
            kernel_name=kernel,
            progress_bar=False,
            execution_timeout=timeout,
        )
        os.replace(partial, target)  # only a notebook that ran to the end replaces the last one
        written.append(target)
    return written
