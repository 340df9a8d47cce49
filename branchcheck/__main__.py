"""Entry point: ``python -m branchcheck`` and the ``branchcheck`` script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command-line interface and exit with its code."""
    from branchcheck.cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
