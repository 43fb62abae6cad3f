"""Files in and out: CSV, Parquet, Stata, Excel, REFI-QDA, the data dictionary, provenance.

- :mod:`~discourse.io.files`: atomic writing (a temporary file renamed over the target);
- :mod:`~discourse.io.export`: CSV files of the tables, read back exactly;
  :mod:`~discourse.io.order` the order of their columns and rows;
- :mod:`~discourse.io.formats`: Parquet, Stata and Excel; :mod:`~discourse.io.archive`
  reproducible zip files;
- :mod:`~discourse.io.datadict`: what every column means; :mod:`~discourse.io.provenance`:
  what produced an output, without timestamps;
- :mod:`~discourse.io.refi`: REFI-QDA projects for qualitative-analysis tools.

Every writer is deterministic (the same tables give the same bytes) and refuses to replace a
file unless asked to.
"""
