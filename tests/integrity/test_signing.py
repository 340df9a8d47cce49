"""Signed results: ``keys new``, ``--sign-key``, ``verify --trust``, through the CLI."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.core.errors import TamperedError
from branchcheck.results import storage
from tests.integrity.helpers import load, save

ANSWERS = "checklist: daily-opening\nbranch: SH-001\nreviewer: Wang\n" \
          "finished: 2024-05-01T09:00:00+08:00\n" \
          "answers: {entrance-clean: pass, forms-tidy: fail, no-customer-data-exposed: pass}\n"


pytestmark = pytest.mark.usefixtures("integrity_env")


def new_key(capsys: pytest.CaptureFixture[str], folder: Path, name: str) -> str:
    assert run(["keys", "new", "--out", str(folder), "--name", name]) == 0
    out, err = capsys.readouterr()
    assert f"Private key: {folder / (name + '.key')}" in err
    return out.strip()


def score(capsys: pytest.CaptureFixture[str], tmp: Path, *args: str) -> tuple[int, str, str]:
    answers = tmp / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    code = run(["score", "daily-opening", "-a", str(answers), "--results-dir", str(tmp / "r"),
                *args])
    out, err = capsys.readouterr()
    return code, out, err


def only_result(tmp: Path) -> Path:
    (path,) = (tmp / "r" / "SH-001" / "daily-opening").glob("*.yaml")
    return path


@pytest.fixture
def signed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """A result signed by key SH-001 (public key in tmp/trust); its fingerprint."""
    fingerprint = new_key(capsys, tmp_path / "keys", "SH-001")
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "SH-001.pub").write_bytes((tmp_path / "keys" / "SH-001.pub")
                                                    .read_bytes())
    code, _, err = score(capsys, tmp_path, "--sign-key", str(tmp_path / "keys" / "SH-001.key"))
    assert code == 0, err
    return only_result(tmp_path), fingerprint


def test_key_pair_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fingerprint = new_key(capsys, tmp_path, "SH-001")
    assert fingerprint.startswith("ed25519:") and len(fingerprint) == 8 + 32
    key = tmp_path / "SH-001.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert (tmp_path / "SH-001.pub").read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    before = key.read_bytes()
    assert run(["keys", "new", "--out", str(tmp_path), "--name", "SH-001"]) == 2
    assert "already exists; keys are never overwritten" in capsys.readouterr().err
    assert key.read_bytes() == before
    assert run(["keys", "new", "--out", str(tmp_path), "--name", "../evil"]) == 2
    assert "invalid key name" in capsys.readouterr().err


def test_signed_result_verifies_and_names_the_signer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: tuple[Path, str]) -> None:
    path, fingerprint = signed
    data = load(path)
    assert data["signature"]["key"] == fingerprint and data["signature"]["algorithm"] == "ed25519"
    private = (tmp_path / "keys" / "SH-001.key").read_text(encoding="ascii").splitlines()[1]
    assert private not in path.read_text(encoding="utf-8")
    code = run(["verify", "--branch", "SH-001", "--results-dir", str(tmp_path / "r"),
                "--trust", str(tmp_path / "trust"), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    integrity = report[0]["results"][0]["integrity"]
    assert code == 0 and integrity["signature"] == "trusted" and integrity["signer"] == "SH-001"
    result = storage.read_result(path, trust=str(tmp_path / "trust"))
    assert result.integrity is not None and result.integrity.ok
    assert result.integrity.signer == "SH-001"


def test_tampering_after_signing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 signed: tuple[Path, str]) -> None:
    path, _ = signed
    data = load(path)
    data["reviewer"] = "Zhang"  # harmless to the scores: only the signature sees it
    save(path, data)
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert "hand-edited" in info.value.message
    assert "the signature does not match" in str(info.value)
    code = run(["results", "--results-dir", str(tmp_path / "r"), "-f", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and rows[0]["tampered"] is True
    assert "the signature does not match" in rows[0]["error"]
    code = run(["verify", "--branch", "SH-001", "--results-dir", str(tmp_path / "r")])
    assert code == 1 and "tampered: the signature does not match" in capsys.readouterr().out


def test_corrupt_signature(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           signed: tuple[Path, str]) -> None:
    path, _ = signed
    data = load(path)
    value = data["signature"]["value"]
    data["signature"]["value"] = ("B" if value[0] == "A" else "A") + value[1:]
    save(path, data)
    with pytest.raises(TamperedError):
        storage.read_result(path)
    data["signature"]["value"] = "not base64!"
    save(path, data)
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    assert "signature is corrupt" in str(info.value)


def test_untrusted_key_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                signed: tuple[Path, str]) -> None:
    path, fingerprint = signed
    other = tmp_path / "other"
    new_key(capsys, other, "BJ-002")
    (other / "BJ-002.key").unlink()  # a trust folder holds only public keys
    code = run(["verify", "--branch", "SH-001", "--results-dir", str(tmp_path / "r"),
                "--trust", str(other)])
    out = capsys.readouterr().out
    assert code == 1 and f"{path} (2024-05-01T09:00:00+08:00): signed by an untrusted key " \
                         f"{fingerprint}" in out
    os.environ["BRANCHCHECK_TRUST"] = str(other)
    try:
        assert run(["results", "--results-dir", str(tmp_path / "r")]) == 0
        out, err = capsys.readouterr()
        assert "UNTRUSTED signer" in out and f"untrusted key {fingerprint}" in err
    finally:
        del os.environ["BRANCHCHECK_TRUST"]


def test_missing_key_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = score(capsys, tmp_path, "--sign-key", str(tmp_path / "nope.key"))
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"cannot read key file {tmp_path / 'nope.key'}: No such file or directory" in err
    assert not (tmp_path / "r").exists()


def test_world_readable_private_key(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    new_key(capsys, tmp_path / "keys", "SH-001")
    key = tmp_path / "keys" / "SH-001.key"
    key.chmod(0o644)
    monkeypatch.setenv("BRANCHCHECK_SIGN_KEY", str(key))
    code, out, err = score(capsys, tmp_path)
    assert code == 2 and out == ""
    assert f"private key {key} has mode 0644 and others can read it; run chmod 600" in err
    assert "PRIVATE KEY" not in err and not (tmp_path / "r").exists()
    key.chmod(0o600)
    code, _, err = score(capsys, tmp_path)  # the environment variable signs too
    assert code == 0 and "signature" in load(only_result(tmp_path))


def test_not_a_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "bad.key"
    key.write_text("hello\n", encoding="utf-8")
    key.chmod(0o600)
    code, _, err = score(capsys, tmp_path, "--sign-key", str(key))
    assert code == 2 and "is not an unencrypted Ed25519 private key (PEM)" in err


def test_run_signs_through_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_key(capsys, tmp_path / "keys", "SH-001")
    done = subprocess.run(
        [sys.executable, "-m", "branchcheck", "run", "daily-opening", "--branch", "SH-001",
         "--results-dir", str(tmp_path / "r"), "--sign-key", str(tmp_path / "keys" / "SH-001.key"),
         "--lang", "en", "--reviewer", "Wang"],
        input="y\n" * 40, capture_output=True, text=True, check=False)  # extra lines unread
    assert done.returncode == 0, done.stderr
    assert "signature" in load(only_result(tmp_path))


@pytest.mark.parametrize("args", [["--version"], ["list"], ["results", "--results-dir", "R"],
                                  ["score", "daily-opening", "-a", "A", "--results-dir", "R"]])
def test_crypto_is_imported_only_to_sign_or_check(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "A").write_text(ANSWERS, encoding="utf-8")
    code = ("import sys\nfrom branchcheck.cli import run\n"
            f"code = run({args!r})\n"
            "heavy = [m for m in sys.modules if m.startswith('cryptography')]\n"
            "print(heavy[:3], file=sys.stderr)\n"
            "sys.exit(code if not heavy else 99)\n")
    if args[0] == "results":  # an unsigned result to list
        subprocess.run([sys.executable, "-m", "branchcheck", "score", "daily-opening", "-a", "A",
                        "--results-dir", "R"], cwd=tmp_path, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
