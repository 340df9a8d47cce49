"""Entry point: ``python -m branchcheck`` and the ``branchcheck`` script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command-line interface and exit with its code."""
    if sys.argv[1:] == ["--version"]:  # the one answer that needs no CLI framework
        from branchcheck import __version__

        try:
            sys.stdout.write(f"branchcheck {__version__}\n")
            sys.stdout.flush()
        except (AttributeError, OSError):  # stdout closed or a broken pipe
            pass
        sys.exit(0)
    from branchcheck.cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
