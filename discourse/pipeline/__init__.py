"""Running the pipeline: in memory, batch by batch, on processes or on Dask, and run folders.

- :mod:`~discourse.pipeline.options`: :class:`~discourse.pipeline.options.RunOptions`, the
  options of a run in one place;
- :mod:`~discourse.pipeline.batch`: the per-document stages on a batch of documents;
- :mod:`~discourse.pipeline.runner`: :func:`~discourse.pipeline.runner.run`, the whole
  pipeline in memory;
- :mod:`~discourse.pipeline.folder`: run folders (write, read, and run-and-write for the
  command line), named in :mod:`~discourse.pipeline.run_files`, with the documents of
  :mod:`~discourse.pipeline.documents`;
- :mod:`~discourse.pipeline.streaming`, :mod:`~discourse.pipeline.parallel`,
  :mod:`~discourse.pipeline.parts`, :mod:`~discourse.pipeline.dask`: large corpora, batch
  by batch, with the same bytes as in memory;
- :mod:`~discourse.pipeline.notebooks`: the project's notebooks, executed headlessly.
"""
