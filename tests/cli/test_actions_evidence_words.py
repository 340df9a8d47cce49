"""``actions show``: what is wrong with a stored evidence file (deleted, edited) is
said in the UI language, in the text, the warnings and the JSON (it was English in a
zh session)."""

# ruff: noqa: F811  (the fixtures ``root`` and ``_env`` come from test_actions)
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.actions_helpers import JPEG, PDF, by_item, cli, listing
from tests.cli.test_actions import _env, root  # noqa: F401  (fixtures)

WORDS = {"zh": ("文件不见了", "已被改动（内容与其哈希值不符）", "警告："),
         "en": ("missing", "changed (its content no longer matches its hash)", "Warning: ")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deleted_and_an_edited_evidence_file_in_the_ui_language(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    ident = by_item(listing(capsys, root))["tidy"]["id"]
    (tmp_path / "a.jpg").write_bytes(JPEG)
    (tmp_path / "b.pdf").write_bytes(PDF)
    assert cli(capsys, "actions", "fix", ident, "-m", "done", "-e", str(tmp_path / "a.jpg"),
               "-e", str(tmp_path / "b.pdf"), "--results-dir", str(root))[0] == 0
    store = root / "SH-001" / "evidence"
    jpg, pdf = next(store.glob("*.jpg")), next(store.glob("*.pdf"))
    jpg.unlink()
    pdf.write_bytes(PDF + b"edited")
    missing, changed, warning = WORDS[lang]
    colon = "：" if lang == "zh" else ": "
    expected = [f"{jpg}{colon}{missing}", f"{pdf}{colon}{changed}"]
    code, out, err = cli(capsys, "actions", "show", ident, "-f", "json", "--lang", lang,
                         "--results-dir", str(root))
    assert code == 0 and sorted(json.loads(out)["evidence_problems"]) == sorted(expected)
    assert sorted(line for line in err.splitlines() if line.startswith(warning)) == sorted(
        warning + e for e in expected)
    code, out, _ = cli(capsys, "actions", "show", ident, "--lang", lang,
                       "--results-dir", str(root))
    assert code == 0 and all(e in out for e in expected), out
