"""``network export --force`` replaces an earlier export, only once the new one is
complete, and never a folder that holds anything else; ``network ingest`` of a
folder that does not exist, or whose results sit a level too deep, says what
layout it needs and leaves no warehouse behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_network import _env, cli, net  # noqa: F401  (fixtures)


def test_force_replaces_an_earlier_export_only(net: dict[str, Path],  # noqa: F811
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = net["tmp"] / "export"
    args = ("network", "export", str(target), "-w", str(net["wh"]))
    assert cli(capsys, *args)[0] == 0
    stale = target / "results" / "checklist=mini" / "stale.parquet"
    stale.write_bytes(b"old")
    code, _, err = cli(capsys, *args)
    assert code == 2 and "--force" in err and stale.exists()
    code, _, err = cli(capsys, *args, "--force")
    assert code == 0, err
    assert not stale.exists() and (target / "results" / "checklist=mini").is_dir()
    other = net["tmp"] / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = cli(capsys, "network", "export", str(other), "-w", str(net["wh"]),
                       "--force", "--lang", "zh")
    assert code == 2 and "不是先前的导出" in err
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_ingest_names_the_layout_and_leaves_nothing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    code, _, err = cli(capsys, "network", "ingest", str(tmp_path / "nowhere"), "-w",
                       str(warehouse))
    assert code == 2 and "no such folder" in err and "<branch>/<checklist>/<stamp>.yaml" in err
    deep = tmp_path / "deep" / "2026" / "SH-001" / "daily-opening"
    deep.mkdir(parents=True)
    (deep / "20261101T010000000000Z.yaml").write_text("x: 1\n", encoding="utf-8")
    code, _, err = cli(capsys, "network", "ingest", str(tmp_path / "deep"), "-w",
                       str(warehouse), "--lang", "zh")
    assert code == 2 and "结果文件在更深一层" in err and str(deep) in err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("w.duckdb")]  # no lock
