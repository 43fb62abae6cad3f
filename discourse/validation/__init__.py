"""Validate the machine coding against human coding.

The round trip a researcher follows:

1. :func:`~discourse.validation.sampling.sample_for_coding` draws a reproducible
   (optionally stratified) sample of coded statements, with their neighbouring statements
   as context;
2. :func:`~discourse.validation.sheets.write_coding_sheet` writes it as a *blind* coding
   sheet (CSV or xlsx): the statement in context, blank ``speaker`` and ``theme_<id>``
   columns, a ``notes`` column, and instructions drawn from the codebook; the machine's
   codes are not in it;
3. coders fill in their copies; :func:`~discourse.validation.reading.read_hand_coding` reads
   them back, checks every value, and returns one row per coder x statement;
4. :func:`~discourse.validation.agreement.compute_agreement` measures the agreement between
   coders; :func:`~discourse.validation.comparison.compare_coding` the machine against the
   humans (precision, recall, F1, speaker accuracy, confusion tables), and
   :func:`~discourse.validation.comparison.list_disagreements` shows where they differ, with
   the matched words in context, to refine the codebook;
5. :mod:`~discourse.validation.supervised` trains a classifier on the hand coding, a
   baseline to compare the codebook with.

Several coders
    :func:`~discourse.validation.comparison.majority_coding` reduces them to one reference:
    the majority code of the coders who coded the statement; a tie (1 vs 1) is left missing
    (``ties="missing"``, the default, so the statement is left out of that theme's
    comparison) or resolved to 1 or 0 (``ties=1`` / ``ties=0``). Or compare with one coder:
    ``coder="alice"``.
"""
