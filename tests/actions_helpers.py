"""Shared helpers of the actions tests: answers files with fixed check times, writers
run at once."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parent / "data"
CHECKLIST = str(DATA / "valid" / "rectify.yaml")

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


def answers(tmp: Path, name: str, finished: str, values: dict[str, Any],
            reviewer: str = "王芳") -> Path:
    """Write an answers file for the rectify-demo checklist (JSON is valid YAML)."""
    path = tmp / f"{name}.json"
    path.write_text(json.dumps({"checklist": "rectify-demo", "branch": "SH-001",
                                "reviewer": reviewer, "started": finished,
                                "finished": finished, "answers": values},
                               ensure_ascii=False), encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr)."""
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def score(capsys: pytest.CaptureFixture[str], root: Path, path: Path) -> str:
    """Store a result of ``path``; its stderr."""
    code, _, err = cli(capsys, "score", CHECKLIST, "-a", str(path), "--results-dir", str(root))
    assert code == 0, err
    return err


def listing(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> list[dict[str, Any]]:
    """``actions list -f json`` as data."""
    code, out, err = cli(capsys, "actions", "list", "--results-dir", str(root), "-f", "json",
                         *extra)
    assert code == 0, err
    data: list[dict[str, Any]] = json.loads(out)
    return data


def by_item(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Actions keyed by item id."""
    return {r["item"]: r for r in rows}


def run_at_once(target: Callable[..., None], jobs: Sequence[tuple[Any, ...]]) -> None:
    """Run ``target(*args)`` for every ``args`` in forked processes started together;
    each must finish (within a minute) with exit code 0."""
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=target, args=args) for args in jobs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
