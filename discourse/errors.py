"""Errors raised by discourse.

Every error is a :class:`DiscourseError`, so a notebook or a script can catch the whole
family with one ``except``. Each message names the file, argument or column at fault, the
bad value, and what would be valid, so the user knows what to change.

Examples
--------
>>> from discourse.errors import DiscourseError, CorpusError
>>> try:
...     raise CorpusError("data/raw/a.txt: the file is empty; remove it or add text")
... except DiscourseError as err:
...     print(err)
data/raw/a.txt: the file is empty; remove it or add text
"""

from __future__ import annotations

__all__ = [
    "DiscourseError",
    "CorpusError",
    "ContractError",
    "ParameterError",
    "ActorsError",
    "OutletsError",
    "CodebookError",
    "HandCodingError",
    "AnalysisError",
    "ExportError",
    "ModelFileError",
    "MissingFontWarning",
]


class DiscourseError(Exception):
    """Base class of every error raised by discourse."""


class CorpusError(DiscourseError):
    """A corpus file or table cannot be read (encoding, empty, binary, duplicate ids...)."""


class ContractError(DiscourseError, ValueError):
    """A DataFrame lacks the columns (or types) that a stage needs."""


class ParameterError(DiscourseError, ValueError):
    """An option has a value outside the valid ones."""


class ActorsError(DiscourseError):
    """The actors file is malformed."""


class OutletsError(ActorsError):
    """An outlets file (who publishes a readout, and its side) is missing or invalid."""


class CodebookError(DiscourseError):
    """A codebook (or an imported dictionary) is malformed."""


class HandCodingError(DiscourseError):
    """A hand-coding sheet has values that cannot be used."""


class AnalysisError(DiscourseError):
    """The data cannot support the requested analysis (no dates, one group only...)."""


class ExportError(DiscourseError):
    """An output cannot be written (it would overwrite a user's file, bad format...)."""


class UnsupportedLanguageWarning(UserWarning):
    """Documents in a language without a folder ``discourse/lang/<code>/``: their statements
    are split with language-neutral rules, get no speaker (cue_text says why) and no theme
    from another language's patterns."""


class MissingFontWarning(UserWarning):
    """No installed font draws a label's script (Chinese characters, Khmer): the figure
    writes those words in Latin letters; the message names the fonts to install."""


class ModelFileError(DiscourseError, ValueError):
    """A model's weights file (``discourse/resources/carry_model.yml``) cannot be used."""
