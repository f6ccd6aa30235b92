"""Run the command line: `python -m analysis …`."""

import sys

from analysis.cli import main

if __name__ == "__main__":  # worker processes (`--jobs`) import this module too
    sys.exit(main())
