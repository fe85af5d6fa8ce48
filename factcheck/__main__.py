"""``python -m factcheck`` and the ``factcheck`` console script."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """Run the command line; a Ctrl-C even while it is still starting up exits 130 quietly."""
    # Start-up makes many objects that live as long as the run and almost no cycles: the cycle
    # collector's youngest generation is collected less often from the start, as it is once a
    # command has loaded its knowledge base (cli.common._long_lived, GC_YOUNG).
    gc.set_threshold(5000, 20, 20)
    try:
        from factcheck.cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
