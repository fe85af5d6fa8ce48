"""``python -m factcheck`` and the ``factcheck`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line; a Ctrl-C even while it is still starting up exits 130 quietly."""
    try:
        from factcheck.cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
