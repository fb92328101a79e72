"""Benchmark the Dask engine against the local engine: wall time, CPU seconds, peak memory.

Usage::

    .venv/bin/python benchmarks/bench_dask.py                  # arxiv-daily-cs, then a generated 300k corpus
    .venv/bin/python benchmarks/bench_dask.py --papers 0       # arxiv-daily-cs only
    .venv/bin/python benchmarks/bench_dask.py --papers 100000  # another generated size
    .venv/bin/python benchmarks/bench_dask.py --skip-real --runs local,dask2  # some runs only

Each corpus is built as ``papergraph build`` does (read, resolve, extract, graph, analysis, then
the export: every format with ``--max-papers`` 10, into a temporary folder; then ``edges.csv``
again with every paper id, ``--max-papers 0``) in a fresh process per engine: ``local``, then
``dask`` on a LocalCluster of 1 and of 2 single-threaded worker processes. Printed per run: wall
seconds of each stage, CPU seconds of the client (with its forked pool) and of each worker, and
peak resident memory of the client and of each worker (``getrusage``), also stage by stage (the
peaks are reset after each, on Linux), so that reading, extracting, the pairwise products (the
graph stage) and the export are told apart. The floor, measured in the same run, is the CPU time
to decompress and parse every input line as JSON: the least any reader must do; ratios are
against it. The generated corpus (``generate_corpus.py``) is written
once into the temporary folder and reused.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent / ".." / "shared" / "corpora"
RUNS = {"local": ("local", 0), "dask1": ("dask", 1), "dask2": ("dask", 2)}


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _client_cpu() -> float:
    """CPU seconds of this process and its finished children (the local engine's fork pool)."""
    return _cpu_seconds() + _cpu_seconds(resource.RUSAGE_CHILDREN)


def _worker_usage() -> tuple[float, float]:
    """(CPU seconds, peak MB) of the worker process this runs in."""
    return _cpu_seconds(), _peak_mb()


def _reset_peak() -> None:
    """Start this process's peak resident memory afresh (Linux: VmHWM, which getrusage reports),
    so that each stage's own peak is measured; elsewhere the peaks stay cumulative."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _usage(client) -> list[tuple[float, float]]:
    """(CPU seconds, peak MB) of each worker, in the order of their addresses."""
    return [usage for _, usage in sorted(client.run(_worker_usage).items())]


def floor_cpu_seconds(folder: Path) -> float:
    """CPU seconds to gunzip and parse every line of the corpus as JSON."""
    start = time.process_time()
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                json.loads(line)
    return time.process_time() - start


def measure(folder: str, engine: str, n_workers: int) -> dict:
    """Build the corpus in this process and return the figures (run in a fresh process)."""
    from papergraph.analyse import analyse_data
    from papergraph.api import KnowledgeGraph
    from papergraph.engine.dask import DaskWorkers
    from papergraph.extract import extract_concepts
    from papergraph.graph import build_data
    from papergraph.listings import read_listings
    from papergraph.resolve import resolve_papers

    figures: dict = {"stages": {}, "stage_cpu": {}, "client_peaks": {}}
    cluster = client = None
    workers = None
    if engine == "dask":
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=50)
        client = Client(cluster)
        workers = DaskWorkers(client)
        figures["workers_idle"] = _usage(client)
        figures["worker_peaks"] = {}
        client.run(_reset_peak)
    start_cpu, start = _client_cpu(), time.perf_counter()
    stage, stage_cpu = start, start_cpu

    def lap(name: str) -> None:
        nonlocal stage, stage_cpu
        now, now_cpu = time.perf_counter(), _client_cpu()
        figures["stages"][name], figures["stage_cpu"][name] = now - stage, now_cpu - stage_cpu
        figures["client_peaks"][name] = _peak_mb()
        _reset_peak()
        # As it goes, so a run that cannot finish still shows how far it got.
        peaks = ""
        if client is not None:  # each worker's peak during this stage alone
            figures["worker_peaks"][name] = [peak for _, peak in _usage(client)]
            client.run(_reset_peak)
            peaks = ", worker peaks " + ", ".join(f"{peak:,.0f}" for peak in figures["worker_peaks"][name]) + " MB"
        print(f"    ({engine} x{n_workers}: {name} wall {now - stage:.1f} s, client cpu {now_cpu - stage_cpu:.1f} s, "
              f"client peak {figures['client_peaks'][name]:,.0f} MB{peaks})", file=sys.stderr, flush=True)
        stage, stage_cpu = now, now_cpu

    listings = read_listings([folder], workers=workers).listings
    lap("read")
    papers = resolve_papers(listings)
    del listings
    lap("resolve")
    extraction = extract_concepts(papers, workers=workers)
    lap("extract")
    graph = build_data(papers, extraction, workers=workers)  # as papergraph.build makes it
    lap("graph")
    analyse_data(graph, seed=42)
    lap("analyse")
    with tempfile.TemporaryDirectory() as out:
        kg = KnowledgeGraph(graph, None, extraction)
        kg.write(out)
        lap("export")
        kg.write(out, formats=["csv"], max_papers=0)
        lap("export all papers")
    figures["wall"] = time.perf_counter() - start
    figures["client_cpu"] = _client_cpu() - start_cpu
    figures["client_peak_mb"] = max(*figures["client_peaks"].values(), _peak_mb(resource.RUSAGE_CHILDREN))
    figures.update(papers=len(papers), nodes=len(graph.nodes), edges=graph.number_of_edges())
    if client is not None:
        figures["workers"] = _usage(client)
        client.close()
        cluster.close()
    return figures


def _run_fresh(folder: Path, engine: str, n_workers: int) -> dict | None:
    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import bench_dask; "
            f"print(json.dumps(bench_dask.measure({str(folder)!r}, {engine!r}, {n_workers})))")
    done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        print(f"  {engine} x{n_workers}: failed (exit code {done.returncode})", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench(name: str, folder: Path, runs: list[str]) -> None:
    floor = floor_cpu_seconds(folder)
    print(f"-- {name} ({folder}): floor (gunzip + JSON parse of every line) {floor:.1f} cpu-s", flush=True)
    for engine, n_workers in (RUNS[run] for run in runs):
        figures = _run_fresh(folder, engine, n_workers)
        if figures is None:
            continue
        label = "local" if engine == "local" else f"dask, {n_workers} worker{'s' * (n_workers > 1)}"
        stages = ", ".join(f"{stage} {seconds:.1f}/{figures['stage_cpu'][stage]:.1f}"
                           for stage, seconds in figures["stages"].items())
        worker_cpu = sum(cpu - idle for (cpu, _), (idle, _) in zip(figures.get("workers", []),
                                                                     figures.get("workers_idle", []), strict=True))
        total_cpu = figures["client_cpu"] + worker_cpu
        print(f"  {label:18} {figures['papers']:,} papers -> {figures['nodes']:,} nodes, {figures['edges']:,} edges: "
              f"wall {figures['wall']:.1f} s (wall/client cpu-s: {stages})", flush=True)
        print(f"  {'':18} cpu {total_cpu:.1f} s = {total_cpu / floor:.1f}x floor (client {figures['client_cpu']:.1f}"
              + (f", workers {worker_cpu:.1f}" if "workers" in figures else "")
              + f"); peak client {figures['client_peak_mb']:,.0f} MB (by stage: "
              + ", ".join(f"{stage} {peak:,.0f}" for stage, peak in figures["client_peaks"].items()) + ")", flush=True)
        for index, ((cpu, _), (idle_cpu, idle_peak)) in enumerate(
                zip(figures.get("workers", []), figures.get("workers_idle", []), strict=True)):
            by_stage = {stage: peaks[index] for stage, peaks in figures["worker_peaks"].items()}
            print(f"  {'':18} worker {index + 1}: cpu {cpu - idle_cpu:.1f} s, peak {max(by_stage.values()):,.0f} MB "
                  f"(by stage: " + ", ".join(f"{stage} {peak:,.0f}" for stage, peak in by_stage.items())
                  + f"; idle {idle_peak:,.0f} MB)", flush=True)


def generated(n: int, seed: int = 0) -> Path:
    """The generated corpus of ``n`` papers, written on first use into the temporary folder."""
    folder = Path(tempfile.gettempdir()) / "papergraph-bench" / f"generated-{n}-seed{seed}"
    if not (folder / ".complete").exists():
        print(f"-- generating {n:,} papers into {folder} ...", flush=True)
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(n), str(folder), "--seed", str(seed)],
                       check=True)
        (folder / ".complete").touch()
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=300_000, help="size of the generated corpus (0: none)")
    parser.add_argument("--skip-real", action="store_true", help="skip arxiv-daily-cs")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"which of {', '.join(RUNS)} (default: all)")
    args = parser.parse_args(argv)
    runs = [run.strip() for run in args.runs.split(",") if run.strip()]
    unknown = sorted(set(runs) - set(RUNS))
    if unknown:
        parser.error(f"unknown run {', '.join(unknown)}; choose from {', '.join(RUNS)}")
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: the dask engine needs dask[distributed] (pip install 'papergraph[dask]')")
        return 0
    print(f"machine: {os.cpu_count()} cores", flush=True)
    real = SHARED / "arxiv-daily-cs"
    if not args.skip_real:
        if real.is_dir():
            bench("arxiv-daily-cs", real, runs)
        else:
            print(f"skipped arxiv-daily-cs: {real} is missing")
    if args.papers:
        bench(f"generated, {args.papers:,} papers", generated(args.papers), runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
