"""Run the command line: `python -m analysis …`."""

import sys

from analysis.cli import main
from analysis.parallel import tune_gc

if __name__ == "__main__":  # worker processes (`--jobs`) import this module too
    tune_gc()  # the process is the command line's own
    sys.exit(main())
