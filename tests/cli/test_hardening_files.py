"""Issue 10, files and data loss: every finding of the hardening audit as a test
named after it, run through the real CLI (a subprocess where a bug would hang)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from branchcheck.cli import run as cli_run
from branchcheck.results import storage
from branchcheck.results.drafts import DRAFT_NAME

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = DATA / "valid" / "issue-example.yaml"
ID = "example-branch-check"
SAMPLE = DATA / "results" / "report-sample.yaml"
OLD, NEW = DATA / "results" / "diff-old.yaml", DATA / "results" / "diff-new.yaml"
TRAINEES = DATA / "trainees"
# hall-tidy, has-atm, atm-working, greeting-quality, product-choice, no-misleading-sales,
# answer-15s, remarks
HAPPY = ["y", "y", "y", "4", "a", "y", "90", "all fine"]
FIRST_QUESTION = "Hall clean and orderly"
ANSWERS = f"""checklist: {ID}
branch: SH-001
reviewer: Wang
answers:
  hall-tidy: y
  greeting-quality: 4
"""
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="needs root (mknod)")


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items()
         if k not in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_DEBUG")}
    e.update(NO_COLOR="1", USER="tester", LOGNAME="tester", LC_ALL="C.UTF-8")
    return e


def bc(*args: str | Path, stdin: str = "", timeout: float = 30,
       cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """branchcheck in a subprocess; a hang fails the test instead of blocking it."""
    return subprocess.run([sys.executable, "-m", "branchcheck", *map(str, args)],
                          input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=env(), timeout=timeout, check=False, cwd=cwd)


def score_into(root: Path, answers: str = ANSWERS, *extra: str | Path,
               tmp: Path | None = None) -> subprocess.CompletedProcess[str]:
    src = (tmp or root.parent) / "answers.yaml"
    src.write_text(answers, encoding="utf-8")
    return bc("score", EXAMPLE, "-a", src, "--results-dir", root, *extra)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


# ------------------------------------------------------- files outside the results folder


@posix
def test_history_cache_never_writes_into_the_results_folder(tmp_path: Path) -> None:
    # The cache lives in the user's own cache folder: a .cache link planted in a shared
    # results folder is neither followed nor written through.
    root, outside = tmp_path / "results", tmp_path / "elsewhere"
    assert score_into(root).returncode == 0
    outside.mkdir()
    victim = outside / "history" / "SH-001" / f"{ID}.json"
    victim.parent.mkdir(parents=True)
    victim.write_text("precious", encoding="utf-8")
    (root / ".cache").symlink_to(outside, target_is_directory=True)
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "branchcheck", "history", "--branch",
                               "SH-001", "--results-dir", str(root), "--cache"],
                              capture_output=True, text=True, encoding="utf-8", timeout=30,
                              env={**env(), "XDG_CACHE_HOME": str(tmp_path / "xdg")},
                              check=False)
        no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    assert files_under(outside) == [victim.parent.parent, victim.parent, victim]
    assert len(list((tmp_path / "xdg" / "branchcheck" / "history").glob("*.json"))) == 1


@posix
def test_run_into_symlinked_checklist_folder_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "results", tmp_path / "elsewhere"
    outside.mkdir()
    (root / "T1").mkdir(parents=True)
    (root / "T1" / ID).symlink_to(outside, target_is_directory=True)
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
              stdin="".join(f"{a}\n" for a in HAPPY))
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "outside" in proc.stderr and str(root / "T1" / ID) in proc.stderr
    assert FIRST_QUESTION not in proc.stderr  # refused before the first question
    assert files_under(outside) == []


@posix
def test_score_into_symlinked_branch_folder_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "results", tmp_path / "elsewhere"
    outside.mkdir()
    root.mkdir()
    (root / "SH-001").symlink_to(outside, target_is_directory=True)
    proc = score_into(root)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "outside" in proc.stderr and str(root / "SH-001") in proc.stderr
    assert proc.stdout == ""
    assert files_under(outside) == []


@posix
def test_draft_symlinked_outside_is_neither_read_nor_deleted(tmp_path: Path) -> None:
    root, outside = tmp_path / "results", tmp_path / "elsewhere"
    outside.mkdir()
    victim = outside / "victim.yaml"
    victim.write_text("precious: true\n", encoding="utf-8")
    folder = root / "T1" / ID
    folder.mkdir(parents=True)
    (folder / DRAFT_NAME).symlink_to(victim)
    for flag in ("--resume", "--restart"):
        proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
                  flag, stdin="".join(f"{a}\n" for a in HAPPY))
        no_traceback(proc)
        assert proc.returncode == 2, (flag, proc.stderr)
        assert "outside" in proc.stderr
        assert victim.read_text(encoding="utf-8") == "precious: true\n"
        assert (folder / DRAFT_NAME).is_symlink()
    assert list(storage.iter_stored(root)) == []


# ------------------------------------------------------- -o FILE --force


def _o_commands(tmp_path: Path) -> dict[str, list[str | Path]]:
    return {
        "report": ["report", SAMPLE],
        "diff": ["diff", OLD, NEW],
        "grade": ["grade", TRAINEES / "key.yaml", TRAINEES / "class", "--checklist",
                  TRAINEES / "course.yaml", "-f", "json"],
        "ipa": ["ipa", "satisfaction-survey", "-f", "json"],
        "new": ["new", "my-check"],
        "history": ["history", "--branch", "SH-001", "--results-dir", tmp_path / "results"],
    }


@pytest.fixture()
def o_commands(tmp_path: Path) -> dict[str, list[str | Path]]:
    assert score_into(tmp_path / "results").returncode == 0
    return _o_commands(tmp_path)


COMMANDS = ["report", "diff", "grade", "ipa", "new", "history"]


@posix
@pytest.mark.parametrize("command", COMMANDS)
def test_output_force_never_replaces_a_fifo(tmp_path: Path, command: str,
                                            o_commands: dict[str, list[str | Path]]) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = bc(*o_commands[command], "-o", fifo, "--force")
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix
@pytest.mark.parametrize("command", COMMANDS)
def test_output_force_never_replaces_a_symlink(tmp_path: Path, command: str,
                                               o_commands: dict[str, list[str | Path]]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.link"
    link.symlink_to(victim)
    proc = bc(*o_commands[command], "-o", link, "--force")
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr or "symbolic link" in proc.stderr
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "precious"


@posix
@as_root
@pytest.mark.parametrize("command", ["report", "diff"])
def test_output_force_never_replaces_a_character_device(
        tmp_path: Path, command: str, o_commands: dict[str, list[str | Path]]) -> None:
    dev = tmp_path / "null"  # a private /dev/null, so a bug cannot break the system's
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    proc = bc(*o_commands[command], "-o", dev, "--force")
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


@posix
@pytest.mark.parametrize("command", COMMANDS)
def test_output_force_replaces_a_regular_file_and_dash_is_stdout(
        tmp_path: Path, command: str, o_commands: dict[str, list[str | Path]]) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    assert bc(*o_commands[command], "-o", target).returncode == 2  # no --force: kept
    assert target.read_text(encoding="utf-8") == "old"
    proc = bc(*o_commands[command], "-o", target, "--force")
    assert proc.returncode == 0, proc.stderr
    written = target.read_text(encoding="utf-8")
    assert written not in ("old", "")
    dash = bc(*o_commands[command], "-o", "-", cwd=tmp_path)
    assert dash.returncode == 0, dash.stderr
    assert dash.stdout.strip() != ""
    assert not (tmp_path / "-").exists()
    if command not in ("new", "history"):  # new stamps its template; the same document
        assert dash.stdout == written


@posix
def test_score_output_never_replaces_anything(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = bc("score", EXAMPLE, "-a", tmp_path / "answers.yaml", "-o", fifo)
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    out = tmp_path / "r.yaml"
    proc = bc("score", EXAMPLE, "-a", tmp_path / "answers.yaml", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert storage.read_result(out).branch == "SH-001"


# ------------------------------------------------------- FIFOs in the results folder


def _plant_fifo(root: Path) -> Path:
    assert score_into(root).returncode == 0
    fifo = root / "SH-001" / ID / "20990101T000000000000Z.yaml"
    os.mkfifo(fifo)
    return fifo


@posix
def test_fifo_yaml_in_results_folder_is_skipped_by_results(tmp_path: Path) -> None:
    fifo = _plant_fifo(tmp_path / "results")
    proc = bc("results", "--results-dir", tmp_path / "results", "-f", "json", timeout=20)
    no_traceback(proc)
    assert proc.returncode == 0
    assert str(fifo) in proc.stderr and "not a regular file" in proc.stderr
    assert proc.stdout.count('"path"') == 2  # the real result, and the FIFO marked unreadable
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix
def test_fifo_yaml_in_results_folder_is_skipped_by_history(tmp_path: Path) -> None:
    fifo = _plant_fifo(tmp_path / "results")
    for cache in ("--cache", "--no-cache"):
        proc = bc("history", "--branch", "SH-001", "--results-dir", tmp_path / "results",
                  "-f", "json", cache, timeout=20)
        no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
        assert str(fifo) in proc.stderr and "not a regular file" in proc.stderr
        assert '"Wang"' in proc.stdout


@posix
def test_fifo_yaml_in_results_folder_is_skipped_by_report_history(tmp_path: Path) -> None:
    root = tmp_path / "results"
    fifo = _plant_fifo(root)
    (stored,) = [s.path for s in storage.iter_stored(root) if s.path != fifo]
    proc = bc("report", stored, "-f", "html", "--history", "--results-dir", root, timeout=20)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert str(fifo) in proc.stderr and "not a regular file" in proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>")


@posix
def test_report_of_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "r.yaml"
    os.mkfifo(fifo)
    proc = bc("report", fifo, timeout=20)
    no_traceback(proc)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr


# ------------------------------------------------------- draft lock


def _wait_for(proc: subprocess.Popen[str], text: str, deadline: float = 30) -> str:
    """Read ``proc``'s stderr until ``text`` shows (the prompt of the first item)."""
    assert proc.stderr is not None
    seen = ""
    end = time.monotonic() + deadline
    while text not in seen:
        assert time.monotonic() < end, seen
        chunk = os.read(proc.stderr.fileno(), 4096).decode("utf-8", "replace")
        assert chunk, f"process ended: {seen}"
        seen += chunk
    return seen


def _start_run(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "branchcheck", "run", str(EXAMPLE), "--branch", "T1",
         "--results-dir", str(root), "--lang", "en"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        encoding="utf-8", env=env())


@posix
def test_second_run_of_the_same_draft_is_refused_while_the_first_holds_it(
        tmp_path: Path) -> None:
    root = tmp_path / "results"
    first = _start_run(root)
    try:
        _wait_for(first, FIRST_QUESTION)
        assert first.stdin is not None
        first.stdin.write(f"{HAPPY[0]}\n")  # one answer given: its draft exists
        first.stdin.flush()
        _wait_for(first, "Branch has self-service machines")
        for flag in ((), ("--restart",), ("--resume",)):
            second = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
                        *flag, stdin="".join(f"{a}\n" for a in HAPPY))
            no_traceback(second)
            assert second.returncode == 2, (flag, second.stderr)
            assert str(first.pid) in second.stderr and "tester" in second.stderr
            assert FIRST_QUESTION not in second.stderr
        assert list(storage.iter_stored(root)) == []
        # the first run is untouched: it finishes and stores its result
        out, _ = first.communicate("".join(f"{a}\n" for a in HAPPY[1:]), timeout=60)
        assert first.returncode == 0
        assert "Result saved" not in out  # the path goes to stderr, the summary to stdout
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert len(list(storage.iter_stored(root))) == 1
    assert not (root / "T1" / ID / DRAFT_NAME).exists()


@posix
def test_stale_draft_lock_of_a_killed_run_never_blocks(tmp_path: Path) -> None:
    root = tmp_path / "results"
    first = _start_run(root)
    try:
        _wait_for(first, FIRST_QUESTION)
        assert first.stdin is not None
        first.stdin.write("y\n")
        first.stdin.flush()
        _wait_for(first, "Branch has self-service machines")
    finally:
        first.kill()
        first.wait()
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
              "--resume", stdin="".join(f"{a}\n" for a in HAPPY[1:]))
    assert proc.returncode == 0, proc.stderr
    assert len(list(storage.iter_stored(root))) == 1


# ------------------------------------------------------- results that cannot be read back


def test_score_refuses_a_result_over_the_read_size_limit(tmp_path: Path) -> None:
    from branchcheck.core.strictyaml import DEFAULT_MAX_BYTES

    # a literal block of tabs: one byte each here, two ("\t") in the stored YAML
    body = "\t" * (3 * 1024 * 1024)
    answers = ANSWERS + f"  remarks: |\n    x{body}x\n"
    assert len(answers.encode()) < DEFAULT_MAX_BYTES
    root = tmp_path / "results"
    proc = score_into(root, answers)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr[:2000]
    assert "read back" in proc.stderr and str(DEFAULT_MAX_BYTES) in proc.stderr
    assert proc.stdout == ""
    assert files_under(root) == [] or list(storage.iter_stored(root)) == []


def _draft_with_started(root: Path, started: str) -> Path:
    """A draft with every answer given but ``started`` replaced."""
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
              stdin="".join(f"{a}\n" for a in HAPPY[:-1]))
    assert proc.returncode == 1, proc.stderr  # input ended before the last item
    path = root / "T1" / ID / DRAFT_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f'started: "{started}"\n' if x.startswith("started:") else x for x in lines]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("started", ["yesterday", "2024-13-45T99:99+08:00"])
def test_run_draft_with_bad_started_is_refused_and_the_draft_kept(tmp_path: Path,
                                                                   started: str) -> None:
    root = tmp_path / "results"
    path = _draft_with_started(root, started)
    before = path.read_bytes()
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
              "--resume", stdin=f"{HAPPY[-1]}\n")
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    line = next(n for n, x in enumerate(before.decode().splitlines(), 1)
                if x.startswith("started:"))
    assert f"{path}:{line}:10" in proc.stderr
    assert path.read_bytes() == before
    assert list(storage.iter_stored(root)) == []


def test_run_never_deletes_the_draft_when_the_result_is_not_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from branchcheck.core.errors import StorageError

    root = tmp_path / "results"
    path = _draft_with_started(root, "2024-05-01T09:00:00+08:00")
    before = path.read_bytes()

    def full_disk(*_: object, **__: object) -> None:
        raise StorageError("cannot write: No space left on device")

    monkeypatch.setattr("branchcheck.results.storage.atomic_write", full_disk)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{HAPPY[-1]}\n"))
    code = cli_run(["run", str(EXAMPLE), "--branch", "T1", "--results-dir", str(root),
                    "--lang", "en", "--resume"])
    err = capsys.readouterr().err
    assert code == 2 and "No space left" in err
    assert list(storage.iter_stored(root)) == []
    kept = path.read_text(encoding="utf-8")  # kept, with the last answer saved in it
    assert kept.startswith(before.decode().split("saved:")[0]) and '"all fine"' in kept


def test_score_refuses_weights_whose_scores_overflow(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("weight: 2\n", "weight: 1.0e+308\n")
    assert "1.0e+308" in text
    ck = tmp_path / "big.yaml"
    ck.write_text(text, encoding="utf-8")
    root = tmp_path / "results"
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    proc = bc("score", ck, "-a", tmp_path / "a.yaml", "--results-dir", root)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert list(storage.iter_stored(root)) == []


def test_score_rejects_impossible_timestamps(tmp_path: Path) -> None:
    answers = ANSWERS.replace("reviewer: Wang\n", "reviewer: Wang\nstarted: 2024-13-45T99:99"
                              "+08:00\nfinished: 2024-02-30T10:00:00Z\n")
    root = tmp_path / "results"
    proc = score_into(root, answers)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    src = tmp_path / "answers.yaml"
    assert f"{src}:4:10: error: started" in proc.stderr
    assert f"{src}:5:11: error: finished" in proc.stderr
    assert files_under(root) == []


# ------------------------------------------------------- run: can it save at all?


def test_run_checks_the_results_folder_is_writable_before_the_first_question(
        tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", blocker / "results",
              "--lang", "en", stdin="".join(f"{a}\n" for a in HAPPY))
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert FIRST_QUESTION not in proc.stderr
    assert str(blocker) in proc.stderr
    assert blocker.read_text(encoding="utf-8") == ""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes to read-only folders")
def test_run_checks_a_read_only_results_folder_before_the_first_question(
        tmp_path: Path) -> None:
    root = tmp_path / "results"
    root.mkdir()
    root.chmod(0o555)
    try:
        proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
                  stdin="".join(f"{a}\n" for a in HAPPY))
    finally:
        root.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert FIRST_QUESTION not in proc.stderr



# ------------------------------------------------------- reading through links and caches


@posix
def test_results_in_a_branch_folder_linked_outside_are_not_read(tmp_path: Path) -> None:
    root, outside = tmp_path / "results", tmp_path / "elsewhere"
    assert score_into(outside).returncode == 0  # a real result, stored elsewhere
    root.mkdir()
    (root / "SH-001").symlink_to(outside / "SH-001", target_is_directory=True)
    proc = bc("results", "--results-dir", root, "-f", "json")
    no_traceback(proc)
    assert proc.returncode == 0
    assert "leads outside" in proc.stderr and '"error"' in proc.stdout
    assert '"reviewer": "Wang"' not in proc.stdout
    proc = bc("history", "--branch", "SH-001", "--results-dir", root, "--no-cache")
    assert proc.returncode == 2 and "leads outside" in proc.stderr


@posix
def test_validate_cache_entry_that_is_a_fifo_or_forged_never_hangs_or_crashes(
        tmp_path: Path) -> None:
    from branchcheck.checklists import checker

    cache_home = tmp_path / "xdg"
    folder = Path(checker.default_cache_dir().replace(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), str(cache_home)))
    key = checker._Cache(str(folder), b"k" * 32)._key(str(EXAMPLE))
    assert key is not None
    entry = folder / key[:2] / key
    entry.parent.mkdir(parents=True)
    run_env = {**env(), "XDG_CACHE_HOME": str(cache_home)}
    os.mkfifo(entry)
    cmd = [sys.executable, "-m", "branchcheck", "validate", "--cache", str(EXAMPLE)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=run_env, timeout=20,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(entry).st_mode)  # never replaced, never opened
    entry.unlink()
    entry.write_text('{"warnings": [{"line": 1}]}', encoding="utf-8")  # forged: keys missing
    proc = subprocess.run(cmd, capture_output=True, text=True, env=run_env, timeout=20,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    no_traceback(proc)


def test_run_refuses_to_save_a_draft_it_could_not_read_back(tmp_path: Path) -> None:
    from branchcheck.results.drafts import _MAX_BYTES

    root = tmp_path / "results"
    huge = "x" * (_MAX_BYTES + 10)
    answers = [*HAPPY[:-1], huge]
    proc = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
              stdin="".join(f"{a}\n" for a in answers))
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "read back" in proc.stderr
    path = root / "T1" / ID / DRAFT_NAME
    assert path.stat().st_size < _MAX_BYTES  # the previous draft, every earlier answer
    resumed = bc("run", EXAMPLE, "--branch", "T1", "--results-dir", root, "--lang", "en",
                 "--resume", stdin="fine\n")
    assert resumed.returncode == 0, resumed.stderr
