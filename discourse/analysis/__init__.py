"""The analysis of a coded corpus: tables, comparisons, keyness, figures and review.

- :mod:`~discourse.analysis.counts` (theme shares per group), :mod:`~.cooccurrence`,
  :mod:`~.time`, grouped the same way by :mod:`~.grouping`; :mod:`~.formatting` renders
  them for a paper;
- :mod:`~.stats` compares two groups theme by theme, with the readout-aware columns of
  :mod:`~.clustered` (statements are nested in readouts); :mod:`~.reporting` compares how
  two kinds of outlets (:mod:`~.outlets`) render a speaker and pools small groups;
  :mod:`~.keyness` (with the statistics of :mod:`~.keyness_scores`) finds the words one
  group uses more, :mod:`~.rhetoric` the same on what is said, without reporting clauses
  and names, one list per language; :mod:`~.narrative` writes the sentences of a notebook
  from the tables;
- :mod:`~.figures` draws them, :mod:`~.highlight` and :mod:`~.review` show the evidence of
  the coding in a notebook, all with one colour per theme (:mod:`~.palette`).
"""
