"""discourse: computational discourse analysis of diplomatic statements.

Read a corpus of readouts, split it into statements with exact offsets, attribute each
statement to its speaker and side, code it by theme with an editable codebook (keeping the
evidence), and compare, validate and export the results.
"""

from .errors import DiscourseError

__version__ = "0.1.0"

__all__ = ["DiscourseError", "__version__"]
