"""Print the installed packages whose version differs from a pip-compile lock file."""

from __future__ import annotations

import re
import sys
from importlib import metadata


def pins(path: str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a lock file."""
    found: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
            if match:
                found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def main() -> int:
    locked = pins(sys.argv[1])
    drift = []
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if name in locked and locked[name] != dist.version:
            drift.append(f"  {name}: locked {locked[name]}, newest {dist.version}")
    print("versions that differ from the lock:" if drift else "no drift from the lock",
          file=sys.stderr)
    for line in sorted(drift):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
