"""Benchmark the complaint register: ``complaints list`` of one outlet with 10,000
cases (target < 0.5 s for the whole command in a fresh process), and ``network ingest``
of 100,000 cases across 1,000 outlets (target < 10 s).

The outlet signs (``$BRANCHCHECK_SIGN_KEY``, as for its results), so its last change
leaves a signed checkpoint; the reader trusts the outlet's key (``$BRANCHCHECK_TRUST``).
The listing is timed, interleaved: the first read by a user who never read these bytes
(a register copied from the outlet: the signed checkpoint), a read again, and a read
after a colleague who does not sign added a case (the checkpoint and the new line
verified). Without a trust folder the first read verifies every hash and the whole
chain: that figure is printed too, without a target (docs/complaints.md, Speed). Each
case has the events of an ordinary life: received, accepted, judged, decided, told,
closed (one case in four is still open after acceptance). Run: ``python
bench/bench_complaints.py [--cases 10000] [--outlets 1000] [--per-outlet 100]
[--runs 5]``. Prints medians (wall and CPU) against the targets with the load average
before and after, and exits 1 when one is missed. Writes only to temporary folders.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIST_TARGET_S = 0.5
INGEST_TARGET_S = 10.0


def fill(root: Path, branch: str, cases: int, first: int = 0) -> None:
    """A register of ``cases`` cases (numbered from ``first``), written in batches of
    the register's own format."""
    from branchcheck.actions import writer
    from branchcheck.actions.log import NewEvent, read_log
    from branchcheck.complaints.model import CHAIN
    from branchcheck.complaints.rules import load

    rule = load().decision_rule()
    batch: list[NewEvent] = []
    for n in range(cases):
        ident, day = f"C-{first + n:08X}", 1 + n % 28
        at = f"2025-09-{day:02d}T10:00:00+08:00"
        batch.append(NewEvent("received", ident, "bench", {
            "branch": branch, "channel": "counter", "received": f"2025-09-{day:02d}T09:00:00+08:00",
            "category": "fees", "asks": "退费", "summary": f"case {n}", "customer_ref": "",
            "about": "", "promise_days": 3, "reply_due": "2025-10-10", "decision": rule,
            "decision_due": "2025-10-15"}))
        steps = ("accept", "judge", "decide", "communicate") if n % 4 else ("accept",)
        batch += [NewEvent("step", ident, "bench", {"step": s, "at": at, "note": ""})
                  for s in steps]
        if n % 4:
            batch.append(NewEvent("closed", ident, "bench", {"at": at, "result": ""}))
    with writer.locked(root, branch, CHAIN):
        log = read_log(root, branch, chain=CHAIN, locked=True)
        writer.add_events(root, branch, batch, seq=log.last_seq, prev=log.last_hash,
                          size=log.size, chain=CHAIN)


GROW = """import sys
from pathlib import Path
from bench_complaints import fill
fill(Path(sys.argv[1]), "SH-001", 1, int(sys.argv[2]))
"""
"""One more case in the register, written by another user (run in its own process)."""


def _signed_by_outlet(tmp: Path, root: Path, env: dict[str, str]) -> Path:
    """The outlet's last case registered through the CLI with its signing key (which
    leaves the signed checkpoint); the trust folder holding the outlet's public key."""
    from branchcheck.integrity.signing import new_pair

    new_pair(tmp / "keys", "SH-001")
    trust = tmp / "trust"
    trust.mkdir()
    (trust / "SH-001.pub").write_bytes((tmp / "keys" / "SH-001.pub").read_bytes())
    subprocess.run([sys.executable, "-m", "branchcheck", "complaints", "new", "--branch",
                    "SH-001", "--channel", "counter", "--received", "2025-09-30T09:00:00+08:00",
                    "--promise-days", "3", "--by", "bench", "--results-dir", str(root)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(env, BRANCHCHECK_SIGN_KEY=str(tmp / "keys" / "SH-001.key"),
                            XDG_CACHE_HOME=tempfile.mkdtemp()))
    return trust


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one whole process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system)


def _median(command: list[str], runs: int, env: dict[str, str]) -> float:
    return statistics.median(_timed(command, env)[0] for _ in range(runs))


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover - not on every system
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=1_000)
    parser.add_argument("--per-outlet", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # bytecode written as an installed wheel has it (pip compiles at install)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(BRANCHCHECK_TODAY="2025-10-13", NO_COLOR="1")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "results"
        fill(root, "SH-001", args.cases - 1)
        trust = _signed_by_outlet(Path(tmp), root, env)
        bc = [sys.executable, "-m", "branchcheck", "complaints", "list", "--branch", "SH-001",
              "--status", "all", "-f", "json", "--results-dir", str(root)]
        subprocess.run(bc, check=True, env=env, stdout=subprocess.DEVNULL)  # compile bytecode
        cold: list[tuple[float, float]] = []
        warm: list[tuple[float, float]] = []
        unsigned: list[tuple[float, float]] = []
        loads = [_load()]
        grown: list[tuple[float, float]] = []
        for run in range(args.runs):  # interleaved: each cold run then a warm one
            # without trust: a memory of verified registers that never saw these bytes
            # and no trusted checkpoint: the whole chain is verified
            env.pop("BRANCHCHECK_TRUST", None)
            env["XDG_CACHE_HOME"] = tempfile.mkdtemp()
            unsigned.append(_timed(bc, env))
            # cold: the same first read by a user who trusts the outlet's key
            env["BRANCHCHECK_TRUST"] = str(trust)
            env["XDG_CACHE_HOME"] = tempfile.mkdtemp()
            cold.append(_timed(bc, env))
            warm.append(_timed(bc, env))  # the same user again
            # grown: a colleague (another user, another memory) registered one more
            # case since: only the new line is verified
            subprocess.run([sys.executable, "-c", GROW, str(root), str(args.cases + run)],
                           check=True, cwd=Path(__file__).parent,
                           env=dict(env, XDG_CACHE_HOME=tempfile.mkdtemp()))
            grown.append(_timed(bc, env))
        loads.append(_load())
        for name, got in (("first read (the outlet's signed checkpoint)", cold),
                          ("read again", warm),
                          ("first read after a colleague's new case (new lines verified)",
                           grown)):
            took = statistics.median(w for w, _ in got)
            ok = took < LIST_TARGET_S
            missed += not ok
            print(f"complaints list -f json, {args.cases:,} cases of one outlet, {name}: "
                  f"{took:.2f} s wall (min {min(w for w, _ in got):.2f}), "
                  f"{statistics.median(c for _, c in got):.2f} s CPU "
                  f"(target < {LIST_TARGET_S} s) {'ok' if ok else 'MISSED'}")
        took = statistics.median(w for w, _ in unsigned)
        print(f"  without a trust folder, first read (every hash and the whole chain "
              f"verified, then remembered): {took:.2f} s wall (min "
              f"{min(w for w, _ in unsigned):.2f}); no target")
        print(f"  load average {loads[0]} -> {loads[1]} (2 cores shared: under load the "
              "same work takes longer)")
        text = [*bc[:-3], "text", *bc[-2:]]
        print(f"  the same as a text table, read again: {_median(text, args.runs, env):.2f} s")
        net = Path(tmp) / "network"
        for k in range(args.outlets):
            fill(net, f"O-{k:04d}", args.per_outlet)
        db = Path(tmp) / "net.duckdb"
        ingest = [sys.executable, "-m", "branchcheck", "network", "ingest", str(net), "-w",
                  str(db)]
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp()
        start = time.perf_counter()
        subprocess.run(ingest, check=True, env=env, stderr=subprocess.DEVNULL)
        took = time.perf_counter() - start
        ok = took < INGEST_TARGET_S
        missed += not ok
        total = args.outlets * args.per_outlet
        print(f"network ingest, {total:,} cases in {args.outlets:,} registers: {took:.2f} s "
              f"(target < {INGEST_TARGET_S} s) {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
