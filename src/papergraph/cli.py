"""The command line: parse options, call the API, print. Nothing else lives here.

Heavy libraries (networkx, pandas, scipy, igraph) are imported inside the commands that need
them, so that ``papergraph --help`` and ``papergraph COMMAND --help`` answer at once. Every
option is checked before any work starts; a bad one is a usage error (exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import inspect
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import click

from papergraph.dates import PERIODS
from papergraph.engine import ENGINES
from papergraph.errors import ExportError, PapergraphError
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.options import CONCEPT_COUNTINGS, LISTING_COUNTINGS, BuildOptions
from papergraph.schema import CONCEPT_TYPES, EDGE_KINDS, EDGE_PAPERS_SHOWN, EXPORT_FORMATS, TREND_SORTS, shorten
from papergraph.types import InputProblem

__all__ = ["main", "cli"]

INPUTS_HELP = (
    "INPUT is a listing file (page text dump, Hugging Face daily_papers JSON, JSON Lines, "
    "JSON array or CSV; optionally .gz), a directory (read recursively) or a glob. "
    "With no INPUT the bundled sample corpus is used."
)

#: The seeds the layout and community detection accept.
SEEDS = click.IntRange(0, 2**32 - 1)

# Characters that could move the cursor, recolour or retitle a terminal (C0 and C1 controls,
# ESC among them) or reorder what is shown (bidirectional overrides): titles and file names
# come from outside, so these are shown escaped, never sent raw.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CELL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# JSON escapes C0 controls itself; these it would leave raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, cell: bool = False) -> str:
    """``text`` with every control or reordering character shown as an escape, safe to print.

    ``cell`` escapes tabs and newlines too (one table cell stays on one line).

    Examples
    --------
    >>> terminal_safe("evil\\x1b]0;pwned\\x07 title"), terminal_safe("a\\tb\\nc", cell=True)
    ('evil\\\\x1b]0;pwned\\\\x07 title', 'a\\\\x09b\\\\x0ac')
    """
    return (_CELL_UNSAFE if cell else _TERMINAL_UNSAFE).sub(_escape, text)


def _echo(text: str, *, err: bool = False) -> None:
    click.echo(terminal_safe(text), err=err)


@contextlib.contextmanager
def _api_import() -> Iterator[None]:
    """Around the import of the Python API: the cyclic garbage collector paused, and what the import made frozen.

    The import makes a few hundred thousand objects (the modules, classes and functions of numpy,
    scipy, networkx, igraph and papergraph) that live as long as the process: the collector would
    walk them as they are made and again at every later full collection, for nothing (an eighth
    of the CPU of the sample's build). Frozen, they are left out of every later collection.
    """
    first = "papergraph.api" not in sys.modules
    with cyclic_gc_paused():
        yield
        if first:
            gc.freeze()


def _report_problems(problems: Iterable[InputProblem]) -> None:
    for problem in problems:
        _echo(f"Warning: {problem}", err=True)


def _progress_default() -> bool:
    return sys.stderr.isatty()


def _common(command: Callable) -> Callable:
    """Options every command that reads input shares: the inputs and --quiet."""

    @click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
    @click.option("--quiet", "-q", is_flag=True, help="No progress bars and no warnings on stderr.")
    @functools.wraps(command)
    def wrapper(*args, quiet: bool, **kwargs):
        return command(*args, progress=not quiet and _progress_default(), quiet=quiet, **kwargs)

    return wrapper


def _thesaurus_option(command: Callable) -> Callable:
    return click.option(
        "--thesaurus",
        type=click.Path(exists=True, dir_okay=False, path_type=str),
        help="Thesaurus file: merge these names into those, ignore others (see README).",
    )(command)


class _Fraction(click.ParamType):
    """A number from 0 to 1; NaN and infinity are refused (NaN would silently drop every edge)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not 0 <= number <= 1:
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


def _names(allowed: Sequence[str], what: str) -> Callable[[click.Context, click.Parameter, str], tuple[str, ...]]:
    """A callback turning "a,b" into ("a", "b"), refusing an empty list or a name not in ``allowed``."""

    def names(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))
        if not chosen:
            raise click.BadParameter(f"name at least one {what}, of: {', '.join(allowed)}")
        unknown = [name for name in chosen if name not in allowed]
        if unknown:
            raise click.BadParameter(f"unknown {what} {', '.join(map(repr, unknown))}; choose from "
                                     f"{', '.join(allowed)}")
        return chosen

    return names


def _build_options(command: Callable) -> Callable:
    """Thresholds and counting choices, each named as its keyword in papergraph.options.BuildOptions."""
    defaults = BuildOptions()
    options = [
        click.option("--min-concept-papers", type=click.IntRange(min=1), default=defaults.min_concept_papers,
                     show_default=True, help="Keep concepts mentioned by at least this many papers."),
        click.option("--min-weight", type=_Fraction(), default=defaults.min_weight,
                     show_default=True, help="Drop edges lighter than this (every kind's weight is 0 to 1)."),
        click.option("--paper-top-k", type=click.IntRange(min=0), default=defaults.paper_top_k, show_default=True,
                     help="Keep the k strongest paper-paper edges of each paper (0: keep all)."),
        click.option("--kinds", default=",".join(defaults.kinds), show_default=True,
                     callback=_names(EDGE_KINDS, "edge kind"),
                     help=f"Comma-separated edge kinds to build, of: {', '.join(EDGE_KINDS)}."),
        click.option("--concept-counting", type=click.Choice(CONCEPT_COUNTINGS),
                     default=defaults.concept_counting, show_default=True,
                     help="Count a concept once per paper (binary) or every occurrence (full)."),
        click.option("--listing-counting", type=click.Choice(LISTING_COUNTINGS),
                     default=defaults.listing_counting, show_default=True,
                     help="co_listed: 1 per shared page (full) or 1/(n-1) for a page of n papers."),
        click.option("--min-co-occurrences", type=click.IntRange(min=1), default=defaults.min_co_occurrences,
                     show_default=True, help="Keep co_occurs edges of concepts found together in at least "
                                             "this many papers."),
        click.option("--concept-top-k", type=click.IntRange(min=0), default=defaults.concept_top_k,
                     show_default=True, help="Keep each concept's k most frequent co-occurrences (0: keep all)."),
        click.option("--seed", type=SEEDS, default=42, show_default=True,
                     help="Seed of community detection and layout."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _options_from(kwargs: dict) -> BuildOptions:
    """The BuildOptions named by the options of the same names (taken out of ``kwargs``)."""
    names = [field for field in BuildOptions.__dataclass_fields__ if field in kwargs]
    try:
        return BuildOptions(**{name: kwargs.pop(name) for name in names})
    except ValueError as error:  # OptionError: the option checks above let nothing through, but say so
        raise click.UsageError(str(error)) from None


def _echo_jsonl(records: Iterable[dict]) -> None:
    for record in records:
        click.echo(_JSON_UNSAFE.sub(_escape_json, json.dumps(record, ensure_ascii=False, sort_keys=False)))


def _escape_json(match: re.Match) -> str:
    # Such characters occur only inside JSON strings, where \\uXXXX means the same character.
    return f"\\u{ord(match.group()):04x}"


def _echo_table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> None:
    """A plain aligned table; the last column is left unpadded (it is usually a title)."""
    cells = [[str(c) for c in header]] + [[terminal_safe(str(c), cell=True) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    for row in cells:
        click.echo("  ".join([c.ljust(w) for c, w in zip(row, widths, strict=False)] + [row[-1]]).rstrip())


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every temporary file is removed on the way out."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that flushing what is left cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. under a test runner)
        pass


class _Group(click.Group):
    """Turns papergraph's own errors, Ctrl-C, SIGTERM and a failing output into one clean line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except PapergraphError as error:
            raise click.ClickException(terminal_safe(str(error))) from None
        except _Terminated:
            click.echo("Terminated.", err=True)
            ctx.exit(143)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except OSError as error:
            _silence_stdout()
            if error.errno == errno.EPIPE:
                # The reader (e.g. `head`) went away: stop quietly, as other Unix tools do.
                ctx.exit(0)
            where = f" {terminal_safe(str(error.filename))!r}" if error.filename else " standard output"
            raise click.ClickException(f"cannot write to{where}: {error.strerror or error}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="papergraph")
def cli() -> None:
    """papergraph: turn listings of research papers into a knowledge graph.

    \b
    Papers and the concepts in their titles and abstracts (methods, models,
    hardware, datasets) become nodes; mentions, co-occurrence, shared concepts
    and shared listing pages become weighted edges.

    \b
    Start with the bundled sample corpus:
      papergraph build               # writes graphs/: GraphML, GEXF, VOSviewer, HTML, CSV
      papergraph neighbors LoRA      # a concept's neighbourhood
      papergraph papers --format jsonl
    """


@cli.command()
@_common
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
def papers(inputs: tuple[str, ...], fmt: str, progress: bool, quiet: bool) -> None:
    """List the distinct papers in the listings, one row per paper.

    Listings of the same paper (same arXiv id, same normalised title, or a
    near-identical title with an agreeing abstract) are merged into one paper.

    \b
    Examples:
      papergraph papers
      papergraph papers listings/ --format jsonl
      papergraph papers 'days/*.json.gz' --format csv > papers.csv
    """
    with _api_import():
        from papergraph import api
    from papergraph.resolve import paper_record

    corpus = api.read_corpus(inputs, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    if fmt == "jsonl":
        _echo_jsonl(paper_record(paper) for paper in corpus.papers)
    elif fmt == "csv":
        _echo(corpus.frame().to_csv(index=False, lineterminator="\n").removesuffix("\n"))
    else:
        _echo_table(
            [(p.id, len(p.listings), shorten(p.title, 90)) for p in corpus.papers], ("id", "listings", "title")
        )


@cli.command()
@_common
@_thesaurus_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def extract(inputs: tuple[str, ...], fmt: str, thesaurus: str | None, progress: bool, quiet: bool) -> None:
    """Extract the typed concepts of every paper.

    \b
    Examples:
      papergraph extract --format jsonl
      papergraph extract papers.jsonl --thesaurus thesaurus.tsv
    """
    with _api_import():
        from papergraph import api
    from papergraph.extract import paper_concepts

    corpus, extraction = api.extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    if fmt == "jsonl":
        _echo_jsonl(
            {"id": p.id, "title": p.title, "concepts": paper_concepts(extraction, p)} for p in corpus.papers
        )
    else:
        rows = []
        for paper in corpus.papers:
            found = paper_concepts(extraction, paper)
            rows.append((paper.id, "; ".join(f"{c['name']} ({c['type']})" for c in found) or "-"))
        _echo_table(rows, ("id", "concepts"))


@cli.command()
@_common
@_thesaurus_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--type", "types", multiple=True, type=click.Choice(CONCEPT_TYPES),
              help="Only concepts of this type (repeatable).")
def concepts(inputs: tuple[str, ...], fmt: str, thesaurus: str | None, types: tuple[str, ...],
             progress: bool, quiet: bool) -> None:
    """List the concepts across the corpus, most frequent first.

    Each row: the canonical name, its type, the number of papers that
    mention it, and the aliases seen in the text.

    \b
    Examples:
      papergraph concepts
      papergraph concepts --type hardware
      papergraph concepts days/ --format csv > concepts.csv
    """
    with _api_import():
        from papergraph import api
    from papergraph.extract import concepts_frame

    corpus, extraction = api.extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    frame = concepts_frame(extraction)
    if types:
        frame = frame[frame["type"].isin(types)]
    if fmt == "jsonl":
        _echo_jsonl(frame.to_dict(orient="records"))
    elif fmt == "csv":
        _echo(frame.to_csv(index=False, lineterminator="\n").removesuffix("\n"))
    else:
        _echo_table(
            [(r.papers, r.type, shorten(r.name, 40), shorten(r.aliases, 60)) for r in frame.itertuples()],
            ("papers", "type", "name", "aliases"),
        )


@cli.command()
@_common
@_thesaurus_option
@_build_options
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=str), default="graphs", show_default=True,
              help="Directory to write the exports into.")
@click.option("--formats", default=",".join(EXPORT_FORMATS), show_default=True,
              callback=_names(EXPORT_FORMATS, "format"), help="Comma-separated exports to write.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where reading and extraction run: here, or on a Dask cluster (same output).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: a running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--partitions", type=click.IntRange(min=1),
              help="With --engine dask: partitions the papers are extracted in (default: 4 per worker).")
@click.option("--max-papers", type=click.IntRange(min=0), default=EDGE_PAPERS_SHOWN, show_default=True,
              help="List at most this many paper ids on an edge in the exports (its count stays exact); 0: all.")
def build(inputs: tuple[str, ...], out: str, formats: tuple[str, ...], max_papers: int, thesaurus: str | None,
          seed: int, progress: bool, quiet: bool, engine: str, scheduler: str | None, partitions: int | None,
          **option_values) -> None:
    """Build the knowledge graph and write its exports.

    Reads the listings, resolves papers, extracts concepts, builds the weighted
    graph, finds and labels clusters, computes centralities and a layout, and
    writes graph.graphml, graph.gexf, vosviewer.json, graph.html, nodes.csv and
    edges.csv into --out. Output is byte-identical for the same input and options.

    \b
    Examples:
      papergraph build                                  # the bundled sample into graphs/
      papergraph build days/ --out days-graph
      papergraph build my.jsonl --formats graphml,html --min-weight 0.2 --paper-top-k 5
      papergraph build corpus/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    with _api_import():
        from papergraph import api

    options = _options_from(option_values)
    kg = api.build(inputs, thesaurus=thesaurus, options=options, seed=seed, progress=progress,
                   engine=engine, scheduler=scheduler, partitions=partitions)
    if not quiet and kg.corpus is not None:
        _report_problems(kg.corpus.problems)
    written = kg.write(out, formats=formats, max_papers=max_papers, progress=progress)
    for line in kg.summary().lines():
        _echo(line)
    _echo("wrote:    " + ", ".join(str(path) for path in written))


@cli.command()
@click.argument("concept")
@_common
@_thesaurus_option
@_build_options
@click.option("--depth", type=click.IntRange(min=1, max=3), default=1, show_default=True,
              help="How many concept-to-concept steps away to go.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many related concepts to list (per step).")
@click.option("--type", "types", multiple=True, type=click.Choice(CONCEPT_TYPES),
              help="Only related concepts of this type (repeatable).")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=str),
              help="Answer from the graph `build` wrote into this directory (its nodes.csv and edges.csv) "
                   "instead of building one from INPUT.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=str),
              help="Also write the interactive page of this neighbourhood to this file.")
def neighbors(concept: str, inputs: tuple[str, ...], depth: int, top: int, types: tuple[str, ...],
              graph_dir: str | None, fmt: str, html_path: str | None, thesaurus: str | None, seed: int,
              progress: bool, quiet: bool, **option_values) -> None:
    """Show a concept's neighbourhood: related concepts and the papers behind each tie.

    CONCEPT is matched forgivingly: case, alias, abbreviation ("KD" finds
    knowledge distillation when the text defines it), near spellings. An
    unknown name gets "did you mean" suggestions.

    \b
    Examples:
      papergraph neighbors LoRA
      papergraph neighbors "large language model" --depth 2 --top 5 --type hardware
      papergraph neighbors quantization --format jsonl
      papergraph neighbors GPU --html gpu.html
      papergraph neighbors LoRA --graph graphs      # from what `build` wrote, no rebuild
    """
    options = _options_from(option_values)
    kg = None
    if graph_dir is not None:
        if inputs or thesaurus:
            raise click.UsageError("--graph answers from a built graph: give no INPUT and no --thesaurus")
        # Only the tables are read, and only what reading them needs is imported: no graph is built.
        from papergraph.explore import GraphTables
        from papergraph.explore import neighbors as neighbourhood

        hood = neighbourhood(GraphTables.read(graph_dir), concept, depth=depth, top=top, types=types or None)
    else:
        with _api_import():
            from papergraph import api

        kg = api.build(inputs, thesaurus=thesaurus, options=options, seed=seed, progress=progress)
        if not quiet and kg.corpus is not None:
            _report_problems(kg.corpus.problems)
        hood = kg.neighbors(concept, depth=depth, top=top, types=types or None)
    if fmt == "jsonl":
        _echo_jsonl(hood.records())
    else:
        for line in hood.lines():
            _echo(line)
    if html_path:
        if kg is None:
            with _api_import():
                from papergraph import api

            assert graph_dir is not None  # no graph was built: the answer came from --graph
            kg = api.load(graph_dir)
        path = kg.write_neighbors_html(hood, html_path)
        _echo(f"wrote {path}", err=True)


_SPARKS = "▁▂▃▄▅▆▇█"
_SPARK_CELLS = 40


def _sparkline(counts: Sequence[int]) -> str:
    """Counts as block characters, consecutive periods summed to at most 40 cells."""
    step = -(-len(counts) // _SPARK_CELLS)
    cells = [sum(counts[i : i + step]) for i in range(0, len(counts), step)]
    top = max(cells, default=0) or 1
    return "".join(_SPARKS[round(cell / top * (len(_SPARKS) - 1))] if cell else " " for cell in cells)


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value == value else "-"


@cli.command()
@_common
@_thesaurus_option
@click.option("--period", type=click.Choice(PERIODS), help="Count by day, week or month (default: from the span).")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many concepts to list (0: all).")
@click.option("--type", "types", multiple=True, type=click.Choice(CONCEPT_TYPES),
              help="Only concepts of this type (repeatable).")
@click.option("--sort", type=click.Choice(TREND_SORTS), default="change", show_default=True,
              help="change: strongest evidence of rise or fall first; papers: most papers; burst: strongest burst.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=str),
              help="Also draw the listed concepts over time, one small panel each (.png, .svg or .pdf).")
def trends(inputs: tuple[str, ...], period: str | None, top: int, types: tuple[str, ...], sort: str, fmt: str,
           plot_path: str | None, thesaurus: str | None, progress: bool, quiet: bool) -> None:
    """Show how concepts rise, fall and burst over time.

    Each paper counts once, at its first listing date (else its publication
    date, else its arXiv id's month). Growth is the concept's share of papers
    in the later half of the periods over the earlier half, with an exact 95%
    interval; trend is rising or falling when the false-discovery-adjusted
    q-value is below 0.05. Bursts are Kleinberg's (as in CiteSpace). csv and
    jsonl carry the counts per period and the papers behind each concept.

    \b
    Examples:
      papergraph trends ../shared/corpora/hf-daily-papers --period month --top 15 --plot trends.png
      papergraph trends days/ --type model --sort burst
      papergraph trends days/ --top 0 --format csv > trends.csv
    """
    with _api_import():
        from papergraph import api
    from papergraph.trends import concept_trends, plot_trends

    corpus, extraction = api.extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    found = concept_trends(corpus.papers, extraction, period=period, types=types or None, top=top or None, sort=sort)
    if found.undated and not quiet:
        _echo(f"Warning: {found.undated} of {len(corpus.papers)} papers have no date to count by "
                   f"{found.period} and are left out", err=True)
    if fmt == "jsonl":
        _echo_jsonl(found.records())
    elif fmt == "csv":
        _echo(found.frame().to_csv(index=False, lineterminator="\n").removesuffix("\n"))
    else:
        periods = list(found.totals.index)
        click.echo(f"papers per {found.period}, {periods[0]} to {periods[-1]}: {_sparkline(found.totals.tolist())}")
        rows = []
        for row in found.table.itertuples():
            burst = f"{row.burst_start}..{row.burst_end}" if row.burst else "-"
            rows.append((row.trend, f"{_ratio(row.growth)} ({_ratio(row.growth_low)}-{_ratio(row.growth_high)})",
                         f"{row.q_value:.1g}", row.papers, burst, _sparkline(found.counts.loc[row.id].tolist()),
                         f"{row.name} ({row.type})"))
        _echo_table(rows, ("trend", "growth (95% CI)", "q", "papers", "burst", "counts", "concept"))
    if plot_path:
        try:
            plot_trends(found, plot_path)
        except OSError as error:
            raise ExportError(f"cannot write {plot_path!r}: {error.strerror}") from None
        _echo(f"wrote {plot_path}", err=True)


for _command in cli.commands.values():
    _command.help = inspect.cleandoc(_command.help or "") + "\n\n" + INPUTS_HELP


def main() -> None:
    """Entry point of the ``papergraph`` console script."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="papergraph")
