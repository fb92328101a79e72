"""Benchmark `papergraph build` stage by stage, and `neighbors --graph` on what it wrote.

Usage::

    .venv/bin/python benchmarks/bench_build.py                 # sample, hf-daily-papers, arxiv-daily-cs
    .venv/bin/python benchmarks/bench_build.py sample hf       # some of them

Each corpus runs in a fresh process, so the peak memory printed is that corpus's own. The
stages are those of ``papergraph build``: read, resolve, extract, build the graph, analyse it,
lay it out for the writers, then write each export (with the default ``--max-papers``). For
every stage it prints wall seconds, CPU seconds (this process and its worker processes) and the
peak memory so far: this process's peak resident set, and the peak of this process and all its
worker processes together (the sum of their proportional set sizes, sampled ten times a second,
so that pages a forked worker shares with its parent count once); for every export, its size. For hf-daily-papers it then times ``papergraph neighbors CONCEPT
--graph DIR`` on the files just written, as a whole process, beside ``python -c pass`` (the
floor of any command) measured in the same run. It measures and prints; it never passes or
fails. Walls drift on a shared machine; CPU seconds less. For the bundled sample it then times
the whole command, ``papergraph build --out DIR`` as a process (its imports included), the least
of a few runs, beside ``python -c pass`` and with the load average.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
INPUTS = {"sample": None, "hf": CORPORA / "hf-daily-papers", "cs": CORPORA / "arxiv-daily-cs"}
NAMES = {"sample": "bundled sample", "hf": "hf-daily-papers", "cs": "arxiv-daily-cs"}
#: Concepts looked up with `neighbors --graph` on hf, each in a fresh process.
CONCEPTS = ("LoRA", "quantization", "diffusion model")
#: Runs of the sample's whole command: the least is printed (other work only ever adds time).
COMMAND_RUNS = 5


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (extraction's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ProcessTreeMemory:
    """The peak of the memory of this process and all its descendants together, sampled.

    Each sample sums the proportional set size (PSS, from ``/proc/PID/smaps_rollup``) of the
    process and of every live descendant (found by their parent ids in ``/proc``): a page the
    processes share (a forked worker's view of its parent's data) counts once in all, a page one
    of them copied counts for it. A sampler thread takes :data:`INTERVAL` between samples, so a
    peak shorter than that may be missed. None where there is no ``/proc`` (not Linux).
    """

    INTERVAL = 0.1

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self.available = Path("/proc/self/smaps_rollup").is_file()
        if self.available:
            self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            self.peak = max(self.peak, self.now())

    def now(self) -> float:
        """The PSS of this process and its descendants now, in MB."""
        return sum(_pss_mb(pid) for pid in _descendants(os.getpid()) | {os.getpid()})

    def peak_mb(self) -> float | None:
        if not self.available:
            return None
        self.peak = max(self.peak, self.now())
        return self.peak


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # it ended meanwhile
        pass
    return 0.0


def _descendants(root: int) -> set[int]:
    """The live processes descended from ``root``."""
    parent_of = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    # The command may hold spaces and parentheses: the fields follow the last ")".
                    parent_of[int(entry.name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parent_of.items() if parent in frontier} - found
        found |= frontier
    return found


class Stages:
    """Times stages, wall and CPU, and prints one line per stage."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0
        self.memory = ProcessTreeMemory()

    def run(self, name: str, work: Callable[[], Any], note: Callable[[Any], str] = lambda _: "") -> Any:
        wall, cpu = time.perf_counter(), _cpu()
        result = work()
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        self.wall += wall
        self.cpu += cpu
        print(f"  {name:<22} {wall:7.2f} s wall {cpu:7.2f} s cpu {_peak_mb():7,.0f} MB peak so far "
              f"{self.tree_peak()}  {note(result)}", flush=True)
        return result

    def tree_peak(self) -> str:
        peak = self.memory.peak_mb()
        return "" if peak is None else f"(all processes {peak:6,.0f} MB)"


def run(which: str) -> None:
    """Build one corpus in this process, stage by stage, printing as it goes."""
    from papergraph.analyse import analyse_data
    from papergraph.extract import extract_concepts
    from papergraph.graph import build_data
    from papergraph.listings import read_listings
    from papergraph.readwrite import COLUMNAR, STREAMS, WRITERS, GraphColumns, write_streams
    from papergraph.resolve import resolve_papers

    inputs = INPUTS[which]
    stages = Stages()
    listings = stages.run("read", lambda: read_listings([inputs] if inputs else None).listings,
                          lambda result: f"{len(result):,} listings")
    papers = stages.run("resolve", lambda: resolve_papers(listings), lambda result: f"{len(result):,} papers")
    extraction = stages.run("extract", lambda: extract_concepts(papers),
                            lambda result: f"{len(result.concepts):,} concepts")
    # The columnar graph, as papergraph build makes it: no networkx graph is made.
    G = stages.run("build graph", lambda: build_data(papers, extraction),
                   lambda G: f"{len(G.nodes):,} nodes, {G.number_of_edges():,} edges")
    stages.run("analyse", lambda: analyse_data(G, seed=42))
    table = stages.run("lay out for export", lambda: GraphColumns.of_data(G, max_papers=10))
    out = Path(os.environ.get("PAPERGRAPH_BENCH_OUT") or tempfile.mkdtemp(prefix=f"bench-{which}-"))
    out.mkdir(parents=True, exist_ok=True)
    for name, files in WRITERS.items():
        for filename, writer in files:
            path = out / filename
            if filename in STREAMS:  # as build writes them: together, each chunk of edge lists made once
                if filename == next(iter(STREAMS)):
                    stages.run("write " + ", ".join(STREAMS), lambda: write_streams(
                        [(out / each, STREAMS[each](table)) for each in STREAMS]), lambda _: ", ".join(
                        f"{(out / each).stat().st_size / 1e6:,.1f} MB" for each in STREAMS))
                continue
            stages.run(f"write {filename}", lambda writer=writer, path=path, name=name: writer(
                table if name in COLUMNAR else G, path), lambda _, path=path: f"{path.stat().st_size / 1e6:,.1f} MB")
    print(f"  {'total':<22} {stages.wall:7.2f} s wall {stages.cpu:7.2f} s cpu   peak RSS {_peak_mb():,.0f} MB "
          f"{stages.tree_peak()}", flush=True)
    print(f"  files in {out}", flush=True)


def _process_seconds(args: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a whole process, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def whole_command(directory: Path) -> None:
    """Time `papergraph build --out DIR` on the bundled sample as whole processes, beside the floor."""
    papergraph = Path(sys.executable).with_name("papergraph")
    wall, cpu, _ = _process_seconds([sys.executable, "-c", "pass"])
    print(f"  floor: python -c pass                {wall:5.2f} s wall {cpu:5.2f} s cpu")
    runs = [_process_seconds([str(papergraph), "build", "--out", str(directory), "-q"])[:2]
            for _ in range(COMMAND_RUNS)]
    walls, cpus = zip(*runs, strict=True)
    print(f"  papergraph build --out DIR           {min(walls):5.2f} s wall {min(cpus):5.2f} s cpu   "
          f"least of {COMMAND_RUNS} runs (CPU {', '.join(f'{c:.2f}' for c in cpus)}), "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)


def neighbors_from(directory: Path) -> None:
    """Time `papergraph neighbors CONCEPT --graph DIR` beside the floor of any Python process."""
    papergraph = Path(sys.executable).with_name("papergraph")
    wall, cpu, _ = _process_seconds([sys.executable, "-c", "pass"])
    print(f"  floor: python -c pass                {wall:5.2f} s wall {cpu:5.2f} s cpu")
    for concept in CONCEPTS:
        wall, cpu, output = _process_seconds([str(papergraph), "neighbors", concept, "--graph", str(directory), "-q"])
        first = output.splitlines()[0] if output else "(no output)"
        print(f"  neighbors {concept!r:<18} --graph  {wall:5.2f} s wall {cpu:5.2f} s cpu   {first[:60]}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--run"]:
        run(argv[1])
        return 0
    if any(which not in INPUTS for which in argv):
        # --help, or a corpus it does not know: the usage, and the names it knows.
        print("\n\n".join(__doc__.split("\n\n")[1:3]).strip(), file=sys.stderr)
        print(f"corpora: {', '.join(INPUTS)}", file=sys.stderr)
        return 0 if argv in (["-h"], ["--help"]) else 2
    chosen = argv or list(INPUTS)
    status = 0
    for which in chosen:
        path = INPUTS[which]
        if path is not None and not path.is_dir():
            print(f"build: {NAMES[which]}: not found at {path}, skipped", flush=True)
            continue
        print(f"build: {NAMES[which]}", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{which}-") as out:
            env = {**os.environ, "PAPERGRAPH_BENCH_OUT": out}
            status |= subprocess.call([sys.executable, __file__, "--run", which], env=env)
            if which == "sample":
                print("the whole command, imports included (whole processes):", flush=True)
                whole_command(Path(out))
            if which == "hf":
                print("neighbors --graph on the hf-daily-papers files just written (whole processes):", flush=True)
                neighbors_from(Path(out))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
