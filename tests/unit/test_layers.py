"""Imports point one way: every module imports only its own package or a lower layer.

The layers are written once, here and in docs/architecture.md (the map). A new
package is added to LAYERS at the height of what it needs; the test fails for an
unknown package so that the map cannot fall behind the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "branchcheck"

# Lowest first. Packages on one line are siblings: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "_fastschema"),
    ("core",),
    ("org",),
    ("checklists",),
    ("integrity",),
    ("results",),
    ("terminal",),
    ("render",),
    ("actions", "training"),
    ("complaints",),
    ("network",),
    ("oversight",),
    ("shop",),
    ("commands",),
    ("cli",),
    ("__main__",),
)
RANK = {name: height for height, layer in enumerate(LAYERS) for name in layer}


def package_of(module: str) -> str:
    """``branchcheck.core.errors`` -> ``core``; ``branchcheck`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path) -> list[tuple[int, str]]:
    """Every branchcheck module ``path`` imports, lazily or not, with its line."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module + "." + a.name for a in node.names]
            out.extend((node.lineno, n) for n in [node.module, *names])
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return [(line, name) for line, name in out if name.split(".")[0] == "branchcheck"]


def upward_imports(found: dict[str, Path]) -> list[str]:
    """``file:line: a imports b`` for each import that leaves its package upwards."""
    bad = []
    for module, path in sorted(found.items()):
        own = package_of(module) if module != "branchcheck" else "__init__"
        if path.name in ("cli.py", "__main__.py") and path.parent == PACKAGE:
            own = path.stem
        for line, target in imports(path):
            if target not in found:  # ``from branchcheck.core import errors``'s package part
                continue
            other = package_of(target)
            if other == own or other == "__init__":
                continue
            if RANK[other] >= RANK[own]:
                bad.append(f"{module}:{line}: {own} imports {other} ({target})")
    return bad


def test_every_package_has_a_layer() -> None:
    packages = {package_of(m) for m in modules() if m != "branchcheck"}
    assert packages - set(RANK) == set()


def test_only_entry_points_at_the_package_root() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert root == ["__init__.py", "__main__.py", "cli.py"]


def test_no_import_goes_up_a_layer() -> None:
    assert upward_imports(modules()) == []


@pytest.mark.parametrize(("low", "high"), [("core/errors.py", "branchcheck.network.views"),
                                            ("actions/log.py", "branchcheck.training.ipa"),
                                            ("results/storage.py", "branchcheck.render.text")])
def test_an_upward_import_is_caught(tmp_path: Path, low: str, high: str) -> None:
    found = modules()
    path = found[f"branchcheck.{low[:-3].replace('/', '.')}"]
    copy = tmp_path / path.name
    copy.write_text(path.read_text(encoding="utf-8") + f"\n\ndef _up() -> None:\n"
                    f"    import {high}  # noqa: F401\n", encoding="utf-8")
    found[f"branchcheck.{low[:-3].replace('/', '.')}"] = copy
    assert len(upward_imports(found)) == 1
