"""Options mean the same everywhere: ``-o`` names a file, so ``exercise new`` takes
its folder as ``--dir`` (the old ``-o`` still works for scripts, hidden)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from branchcheck.cli import run


def test_exercise_new_takes_a_folder_as_dir(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercise", "new", "daily-opening", "--dir", str(tmp_path / "a"),
                "--trainees", "2"]) == 0
    assert (tmp_path / "a" / "answers" / "trainee-02.yaml").is_file()
    assert run(["exercise", "new", "daily-opening", "-o", str(tmp_path / "b"),
                "--trainees", "1"]) == 0
    assert (tmp_path / "b" / "key.yaml").is_file()
    capsys.readouterr()
    assert run(["exercise", "new", "daily-opening", "--trainees", "1"]) == 2
    assert "--dir DIR" in capsys.readouterr().err
    assert run(["exercise", "new", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--dir DIR" in out and "--output" not in out


def _options() -> list[tuple[str, Any]]:
    """(command path, option) for every option of every command."""
    import typer

    from branchcheck.cli import full_app

    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        for param in getattr(command, "params", ()):
            found.append((path, param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(full_app()), "")
    return found


def test_cache_means_the_same_everywhere() -> None:
    """One rule (README, "Command reference"): on by default, per user, HMAC-protected."""
    caches = {path: p for path, p in _options() if "--cache" in getattr(p, "opts", ())}
    assert set(caches) == {"verify", "validate", "history"}
    for path, option in caches.items():
        assert option.default is True, path
        assert option.secondary_opts == ["--no-cache"], path
        assert "~/.cache" in option.help and "HMAC" in option.help, path


def test_o_names_a_file_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    """Every visible -o is --output FILE; a folder to write into is --dir DIR."""
    outputs = [(path, p) for path, p in _options() if "-o" in getattr(p, "opts", ())]
    assert len(outputs) > 20
    for path, option in outputs:
        if option.hidden:  # the old names, kept for scripts
            assert path == "exercise new", path
            continue
        assert option.opts == ["--output", "-o"], path
        assert run([*path.split(), "--help"]) == 0
        assert "-o, --output FILE" in capsys.readouterr().out, path
    folders = {path for path, p in _options()
               if "--dir" in getattr(p, "opts", ()) and not p.hidden}
    assert {"exercise new", "keys new"} <= folders


def test_keys_new_takes_its_folder_as_dir(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["keys", "new", "--dir", str(tmp_path / "k"), "--name", "SH-001"]) == 0
    assert (tmp_path / "k" / "SH-001.pub").is_file()
    assert run(["keys", "new", "--out", str(tmp_path / "old"), "--name", "x"]) == 0
    assert (tmp_path / "old" / "x.key").is_file()
    capsys.readouterr()
    assert run(["keys", "new", "--lang", "zh"]) == 2
    assert "请用 --dir DIR 指定存放密钥的文件夹" in capsys.readouterr().err
    assert run(["keys", "new", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--dir DIR" in out and "--out" not in out


def test_every_visible_option_says_what_it_does() -> None:
    """An option without help (``--since YYYY-MM-DD`` alone) leaves a user guessing."""
    bare = [(path, p.opts) for path, p in _options()
            if getattr(p, "param_type_name", "") == "option" and not p.hidden
            and not (p.help or "").strip()]
    assert bare == []
