"""Publication figures of the analysis tables, one module per figure, and a writer.

Every ``plot_*`` function takes a table of :mod:`discourse.analysis` and returns a new
:class:`matplotlib.figure.Figure`; none saves, shows or touches pyplot's global state.

- :mod:`~discourse.analysis.figures.shares`: ``plot_theme_shares``, theme shares per group;
- :mod:`~discourse.analysis.figures.heatmap`: ``plot_speaker_heatmap``, shares per speaker;
- :mod:`~discourse.analysis.figures.keyness`: ``plot_keyness``, key words of two groups;
- :mod:`~discourse.analysis.figures.cooccurrence`: ``plot_cooccurrence``, pairs of themes;
- :mod:`~discourse.analysis.figures.time`: ``plot_over_time``, shares per period;
- :mod:`~discourse.analysis.figures.comparison`: ``plot_comparison``, the difference of two
  groups per theme with its naive and readout-clustered intervals;
- :mod:`~discourse.analysis.figures.writer`: ``write_figure``, PNG, PDF and SVG, same bytes;
- :mod:`~discourse.analysis.figures.style`: the style, sizes and labels they share.

Colours: a chart whose marks stand for themes (one group) colours each theme as the review
widget and the REFI-QDA export do (:mod:`discourse.analysis.palette`); a chart whose marks
stand for groups colours the groups in the palette's order.
"""
