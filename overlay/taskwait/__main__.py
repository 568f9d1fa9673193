"""python -m taskwait: the `taskwait` command."""

import sys

from .cli import main

sys.exit(main())
