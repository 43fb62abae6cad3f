"""REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder: projects and codebooks.

:mod:`~discourse.io.refi.writer` writes a project (``.qdpx``) of the coded documents, or the
codebook alone (``.qdc``), from the code tree of :mod:`~discourse.io.refi.codes` and the
selections of :mod:`~discourse.io.refi.selections`; :mod:`~discourse.io.refi.reader`
reads projects back into a hand coding. :mod:`~discourse.io.refi.common` holds what both
sides share (namespaces, GUIDs, positions).
"""
