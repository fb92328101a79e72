"""The command line: parse options, call the API, print. Nothing else lives here."""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterable, Sequence

import click

from papergraph import api
from papergraph.graph import BuildOptions
from papergraph.dates import PERIODS
from papergraph.errors import ExportError, PapergraphError
from papergraph.extract import concepts_frame, paper_concepts
from papergraph.resolve import paper_record
from papergraph.trends import SORTS, concept_trends, plot_trends
from papergraph.types import CONCEPT_TYPES, EDGE_KINDS, InputProblem

__all__ = ["main", "cli"]

INPUTS_HELP = (
    "INPUT is a listing file (page text dump, Hugging Face daily_papers JSON, JSON Lines, "
    "JSON array or CSV; optionally .gz), a directory (read recursively) or a glob. "
    "With no INPUT the bundled sample corpus is used."
)


def _report_problems(problems: Iterable[InputProblem]) -> None:
    for problem in problems:
        click.echo(f"Warning: {problem}", err=True)


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


def _build_options(command: Callable) -> Callable:
    """Thresholds and counting choices, named as in papergraph.graph.BuildOptions."""
    defaults = BuildOptions()
    options = [
        click.option("--min-concept-papers", type=click.IntRange(min=1), default=defaults.min_concept_papers,
                     show_default=True, help="Keep concepts mentioned by at least this many papers."),
        click.option("--min-weight", type=click.FloatRange(min=0, max=1), default=defaults.min_weight,
                     show_default=True, help="Drop edges lighter than this (every kind's weight is 0 to 1)."),
        click.option("--top-k", type=click.IntRange(min=0), default=defaults.top_k, show_default=True,
                     help="Keep the k strongest paper-paper edges of each paper (0: keep all)."),
        click.option("--kinds", default=",".join(defaults.kinds), show_default=True,
                     help=f"Comma-separated edge kinds to build, of: {', '.join(EDGE_KINDS)}."),
        click.option("--concept-counting", type=click.Choice(["binary", "full"]),
                     default=defaults.concept_counting, show_default=True,
                     help="Count a concept once per paper (binary) or every occurrence (full)."),
        click.option("--listing-counting", type=click.Choice(["full", "fractional"]),
                     default=defaults.listing_counting, show_default=True,
                     help="co_listed: 1 per shared page (full) or 1/(n-1) for a page of n papers."),
        click.option("--seed", type=int, default=42, show_default=True,
                     help="Seed of community detection and layout."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _options_from(kwargs: dict) -> BuildOptions:
    kinds = tuple(k.strip() for k in kwargs.pop("kinds").split(",") if k.strip())
    unknown = [k for k in kinds if k not in EDGE_KINDS]
    if unknown:
        raise click.BadParameter(
            f"unknown edge kind {', '.join(unknown)}; choose from {', '.join(EDGE_KINDS)}", param_hint="--kinds"
        )
    return BuildOptions(
        min_concept_papers=kwargs.pop("min_concept_papers"),
        min_weight=kwargs.pop("min_weight"),
        top_k=kwargs.pop("top_k"),
        kinds=kinds,
        concept_counting=kwargs.pop("concept_counting"),
        listing_counting=kwargs.pop("listing_counting"),
    )


def _echo_jsonl(records: Iterable[dict]) -> None:
    for record in records:
        click.echo(json.dumps(record, ensure_ascii=False, sort_keys=False))


def _echo_table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> None:
    """A plain aligned table; the last column is left unpadded (it is usually a title)."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    for row in cells:
        click.echo("  ".join([c.ljust(w) for c, w in zip(row, widths)] + [row[-1]]).rstrip())


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _Group(click.Group):
    """Turns papergraph's own errors and Ctrl-C into one clean line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PapergraphError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader (e.g. `head`) went away: stop quietly, as other Unix tools do.
            sys.stderr.close()
            ctx.exit(0)


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
      papergraph papers ../shared/listings --format jsonl
      papergraph papers 'days/*.json.gz' --format csv > papers.csv
    """
    corpus = api.read_corpus(inputs, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    if fmt == "jsonl":
        _echo_jsonl(paper_record(paper) for paper in corpus.papers)
    elif fmt == "csv":
        click.echo(corpus.frame().to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        _echo_table(
            [(p.id, len(p.listings), _shorten(p.title)) for p in corpus.papers], ("id", "listings", "title")
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
@click.option("--type", "types", multiple=True, type=click.Choice(["method", "model", "hardware", "dataset"]),
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
      papergraph concepts ../shared/corpora/hf-daily-papers --format csv > concepts.csv
    """
    corpus, extraction = api.extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    frame = concepts_frame(extraction)
    if types:
        frame = frame[frame["type"].isin(types)]
    if fmt == "jsonl":
        _echo_jsonl(frame.to_dict(orient="records"))
    elif fmt == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        _echo_table(
            [(r.papers, r.type, _shorten(r.name, 40), _shorten(r.aliases, 60)) for r in frame.itertuples()],
            ("papers", "type", "name", "aliases"),
        )



@cli.command()
@_common
@_thesaurus_option
@_build_options
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=str), default="graphs", show_default=True,
              help="Directory to write the exports into.")
@click.option("--formats", default=",".join(api.FORMATS), show_default=True,
              help="Comma-separated exports to write.")
def build(inputs: tuple[str, ...], out: str, formats: str, thesaurus: str | None, seed: int,
          progress: bool, quiet: bool, **option_values) -> None:
    """Build the knowledge graph and write its exports.

    Reads the listings, resolves papers, extracts concepts, builds the weighted
    graph, finds and labels clusters, computes centralities and a layout, and
    writes graph.graphml, graph.gexf, vosviewer.json, graph.html, nodes.csv and
    edges.csv into --out. Output is byte-identical for the same input and options.

    \b
    Examples:
      papergraph build                                  # the bundled sample into graphs/
      papergraph build ../shared/corpora/hf-daily-papers --out hf-graph
      papergraph build my.jsonl --formats graphml,html --min-weight 0.2 --top-k 5
    """
    options = _options_from(option_values)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    kg = api.build(inputs, thesaurus=thesaurus, options=options, seed=seed, progress=progress)
    if not quiet:
        _report_problems(kg.corpus.problems)
    written = kg.write(out, formats=chosen)
    for line in kg.summary().lines():
        click.echo(line)
    click.echo("wrote:    " + ", ".join(str(path) for path in written))



@cli.command()
@click.argument("concept")
@_common
@_thesaurus_option
@_build_options
@click.option("--depth", type=click.IntRange(min=1, max=3), default=1, show_default=True,
              help="How many concept-to-concept steps away to go.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many related concepts to list (per step).")
@click.option("--kind", "neighbor_kinds", multiple=True, type=click.Choice(["method", "model", "hardware", "dataset"]),
              help="Only related concepts of this type (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=str),
              help="Also write the interactive page of this neighbourhood to this file.")
def neighbors(concept: str, inputs: tuple[str, ...], depth: int, top: int, neighbor_kinds: tuple[str, ...],
              fmt: str, html_path: str | None, thesaurus: str | None, seed: int, progress: bool, quiet: bool,
              **option_values) -> None:
    """Show a concept's neighbourhood: related concepts and the papers behind each tie.

    CONCEPT is matched forgivingly: case, alias, abbreviation ("KD" finds
    knowledge distillation when the text defines it), near spellings. An
    unknown name gets "did you mean" suggestions.

    \b
    Examples:
      papergraph neighbors LoRA
      papergraph neighbors "large language model" --depth 2 --top 5 --kind hardware
      papergraph neighbors quantization --format jsonl
      papergraph neighbors GPU --html gpu.html
    """
    options = _options_from(option_values)
    kg = api.build(inputs, thesaurus=thesaurus, options=options, seed=seed, progress=progress)
    if not quiet:
        _report_problems(kg.corpus.problems)
    hood = kg.neighbors(concept, depth=depth, top=top, kinds=neighbor_kinds or None)
    if fmt == "jsonl":
        _echo_jsonl(hood.records())
    else:
        for line in hood.lines():
            click.echo(line)
    if html_path:
        path = kg.write_neighbors_html(hood, html_path)
        click.echo(f"wrote {path}", err=True)



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
@click.option("--sort", type=click.Choice(SORTS), default="change", show_default=True,
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
    corpus, extraction = api.extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    if not quiet:
        _report_problems(corpus.problems)
    found = concept_trends(corpus.papers, extraction, period=period, types=types or None, top=top or None, sort=sort)
    if found.undated and not quiet:
        click.echo(f"Warning: {found.undated} of {len(corpus.papers)} papers have no date to count by "
                   f"{found.period} and are left out", err=True)
    if fmt == "jsonl":
        _echo_jsonl(found.records())
    elif fmt == "csv":
        click.echo(found.frame().to_csv(index=False, lineterminator="\n"), nl=False)
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
        click.echo(f"wrote {plot_path}", err=True)


for _command in cli.commands.values():
    _command.help = inspect.cleandoc(_command.help) + "\n\n" + INPUTS_HELP


def main() -> None:
    """Entry point of the ``papergraph`` console script."""
    cli(prog_name="papergraph")
