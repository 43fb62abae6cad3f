"""``python -m discourse`` runs the command line (see :mod:`discourse.cli`)."""

import sys

from .cli import main

sys.exit(main())
