"""The analysis of a coded corpus: tables, comparisons, keyness, figures and review.

- :mod:`~discourse.analysis.counts` (theme shares per group), :mod:`~.cooccurrence`,
  :mod:`~.time`, grouped the same way by :mod:`~.grouping`; :mod:`~.formatting` renders
  them for a paper;
- :mod:`~.stats` compares two groups theme by theme; :mod:`~.keyness` (with the
  statistics of :mod:`~.keyness_scores`) finds the words one group uses more;
- :mod:`~.figures` draws them, :mod:`~.highlight` and :mod:`~.review` show the evidence of
  the coding in a notebook, all with one colour per theme (:mod:`~.palette`).
"""
