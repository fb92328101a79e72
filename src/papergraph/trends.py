"""How concepts rise and fall over time: counts per period, growth with its uncertainty, bursts.

Each paper counts once, in the period of its :attr:`~papergraph.types.Paper.first_seen` date
(first listing, else publication; see :mod:`papergraph.dates`); papers without a date are left
out and counted. For every concept:

- ``first_seen``/``last_seen``: its earliest and latest paper's date;
- counts per period (day, week or month; chosen from the span unless given), and the number of
  dated papers per period (:attr:`Trends.totals`) they are a share of;
- **growth**: the concept's rate in the later half of the periods over its rate in the earlier
  half, each rate relative to all dated papers of that half (so a growing corpus is not taken
  for a growing concept). Given the concept's papers in both halves, the number in the later
  half is binomial; an exact binomial test (:func:`scipy.stats.binomtest`) gives the p-value and
  an exact (Clopper-Pearson) 95% interval, turned into an interval for the growth. With
  thousands of concepts tested some p-values are small by chance, so the p-values are adjusted
  for the false discovery rate (Benjamini-Hochberg, :func:`scipy.stats.false_discovery_control`);
  ``trend`` is ``rising`` or ``falling`` only when that ``q_value`` is below 0.05, else
  ``steady``. On small counts the interval is wide and the trend steady: as it should be;
- **bursts**: Kleinberg's two-state automaton over the periods, the batched form that CiteSpace
  uses (Kleinberg 2002, "Bursty and hierarchical structure in streams", section 4): a base state
  emitting the concept at its overall share of papers, a burst state at ``s`` times that share,
  and a cost of ``gamma * ln(periods)`` to enter the burst state. The cheapest state sequence
  (Viterbi) marks the burst periods; a burst's ``strength`` is how much cheaper the burst state
  explains its periods (in nats: the log-likelihood ratio). The strongest burst is reported.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from papergraph.dates import PERIODS, choose_period, period_of, period_range
from papergraph.errors import InputError, OptionError
from papergraph.schema import LIST_SEPARATOR, shorten, split_values
from papergraph.schema import TREND_SORTS as SORTS
from papergraph.types import Extraction, Paper

__all__ = ["SORTS", "TREND_COLUMNS", "Trends", "concept_trends", "plot_trends"]

#: The columns of :meth:`Trends.frame` before the one-per-period count columns.
TREND_COLUMNS: tuple[str, ...] = (
    "id", "name", "type", "papers", "first_seen", "last_seen", "early", "late", "growth", "growth_low",
    "growth_high", "p_value", "q_value", "trend", "burst", "burst_start", "burst_end", "burst_strength", "paper_ids",
)
_LEVEL = 0.95
_FDR = 0.05


@dataclass(frozen=True)
class Trends:
    """Time series of concepts, and the test results of each.

    ``table`` has the :data:`TREND_COLUMNS`, one row per concept in the chosen order;
    ``counts`` holds the papers per concept (rows, by id) and period (columns, in time order);
    ``in_burst`` marks, in the same shape, every period of every burst (the table reports the
    strongest); ``totals`` the dated papers per period; ``undated`` the papers left out for
    want of a date (or with a month-only date when counting by day or week).
    """

    period: str
    table: pd.DataFrame
    counts: pd.DataFrame
    in_burst: pd.DataFrame
    totals: pd.Series
    undated: int

    def frame(self) -> pd.DataFrame:
        """The table with one count column per period (labelled by the period's ISO string)."""
        return pd.concat([self.table.reset_index(drop=True),
                          self.counts.loc[self.table["id"]].reset_index(drop=True)], axis=1)

    def records(self) -> list[dict]:
        """JSON-ready rows: the table's fields (non-finite numbers as None), ``counts`` by period
        and ``paper_ids`` as a list."""
        rows = []
        counts_of = self.counts.loc[self.table["id"]].iterrows()
        for row, (_, counts) in zip(self.table.to_dict("records"), counts_of, strict=True):
            for key, value in row.items():
                if isinstance(value, float) and not math.isfinite(value):
                    row[key] = None
            row["paper_ids"] = list(split_values(row["paper_ids"]))
            row["counts"] = {period: int(n) for period, n in counts.items()}
            rows.append(row)
        return rows


def _dated_papers(papers: Iterable[Paper], period: str | None) -> tuple[str, dict[str, str], dict[str, str], int]:
    """The period, each counted paper's date and period label, and how many papers were left out."""
    papers = list(papers)
    dates = {paper.id: date for paper in papers if (date := paper.first_seen)}
    if period is None:
        period = choose_period(list(dates.values()))
    elif period not in PERIODS:
        raise OptionError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    labels = {pid: label for pid, date in dates.items() if (label := period_of(date, period))}
    dates = {pid: dates[pid] for pid in labels}
    return period, dates, labels, len(papers) - len(labels)


def _growth(early: np.ndarray, late: np.ndarray, n_early: int, n_late: int) -> tuple[np.ndarray, ...]:
    """Rate ratio late/early with its exact interval and p-value, for each concept."""
    from scipy import stats  # here, not at module level: it would add half a second to every CLI start

    shape = early.shape
    growth, low, high, p_value = (np.full(shape, np.nan) for _ in range(4))
    if not n_early or not n_late:
        return growth, low, high, np.ones(shape)
    share = n_late / (n_early + n_late)  # the later half's share of papers if the concept kept its rate
    odds_to_ratio = n_early / n_late
    tested: dict[tuple[int, int], tuple[float, float, float]] = {}
    for i, (k_early, k_late) in enumerate(zip(early.tolist(), late.tolist(), strict=True)):
        n = k_early + k_late
        if n == 0:
            p_value[i] = 1.0
            continue
        if (k_late, n) not in tested:
            result = stats.binomtest(k_late, n, share)
            interval = result.proportion_ci(_LEVEL, method="exact")
            tested[k_late, n] = (result.pvalue, interval.low, interval.high)
        p_value[i], lo, hi = tested[k_late, n]
        growth[i] = math.inf if k_early == 0 else (k_late / k_early) * odds_to_ratio
        low[i] = lo / (1 - lo) * odds_to_ratio
        high[i] = math.inf if hi >= 1 else hi / (1 - hi) * odds_to_ratio
    return growth, low, high, p_value


def _false_discovery(p_value: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values)."""
    from scipy import stats

    return stats.false_discovery_control(p_value) if len(p_value) else p_value


def _bursts(counts: np.ndarray, totals: np.ndarray, s: float, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    """Kleinberg's two-state burst states (concepts x periods, True = burst) and per-period strengths.

    Vectorised over concepts; one Viterbi pass over the periods.
    """
    n_concepts, n_periods = counts.shape
    base = counts.sum(axis=1) / max(totals.sum(), 1)
    rates = np.stack([base, np.minimum(s * base, 1 - 1e-9)])[:, :, None]  # state x concept x 1
    rates = np.clip(rates, 1e-12, 1 - 1e-9)
    misses = totals[None, :] - counts
    cost = -(counts[None] * np.log(rates) + misses[None] * np.log1p(-rates))  # state x concept x period
    enter = gamma * math.log(max(n_periods, 2))
    best = np.stack([cost[0, :, 0], enter + cost[1, :, 0]])
    came_from_burst = np.zeros((2, n_concepts, n_periods), dtype=bool)
    for t in range(1, n_periods):
        stay0, from1_to0 = best[0], best[1]
        from0_to1, stay1 = best[0] + enter, best[1]
        came_from_burst[0, :, t] = from1_to0 < stay0
        came_from_burst[1, :, t] = stay1 <= from0_to1
        best = np.stack([np.minimum(stay0, from1_to0) + cost[0, :, t], np.minimum(from0_to1, stay1) + cost[1, :, t]])
    state = np.zeros((n_concepts, n_periods), dtype=bool)
    current = best[1] < best[0]
    rows = np.arange(n_concepts)
    for t in range(n_periods - 1, -1, -1):
        state[:, t] = current
        current = came_from_burst[current.astype(int), rows, t]
    return state, cost[0] - cost[1]


def _strongest_burst(state: np.ndarray, gain: np.ndarray) -> tuple[int, int, float] | None:
    """(first, last period index, strength) of the strongest run of burst periods, if any."""
    best = None
    t = 0
    while t < len(state):
        if state[t]:
            end = t
            while end + 1 < len(state) and state[end + 1]:
                end += 1
            strength = float(gain[t : end + 1].sum())
            if best is None or strength > best[2]:
                best = (t, end, strength)
            t = end + 1
        else:
            t += 1
    return best


def _order(table: pd.DataFrame, sort: str) -> pd.DataFrame:
    if sort not in SORTS:
        raise OptionError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    keys = {"change": (["q_value", "p_value", "papers", "name"], [True, True, False, True]),
            "papers": (["papers", "name"], [False, True]),
            "burst": (["burst_strength", "papers", "name"], [False, False, True])}[sort]
    return table.sort_values(keys[0], ascending=keys[1], kind="mergesort", na_position="last")


def concept_trends(
    papers: Sequence[Paper],
    extraction: Extraction,
    *,
    period: str | None = None,
    types: Sequence[str] | None = None,
    top: int | None = None,
    sort: str = "change",
    s: float = 2.0,
    gamma: float = 1.0,
) -> Trends:
    """Count each concept's papers per period and test for growth and bursts.

    Parameters
    ----------
    papers, extraction : the corpus and what the extractor found in it.
    period : ``day``, ``week`` or ``month``; None chooses from the span of the dates
        (:func:`papergraph.dates.choose_period`).
    types : keep only concepts of these primary types.
    top : keep only the first ``top`` concepts in the chosen order.
    sort : ``change`` (smallest q-value first), ``papers`` (most papers) or ``burst`` (strongest burst).
    s, gamma : Kleinberg's burst rate multiplier and cost of entering a burst (CiteSpace's defaults).

    Raises
    ------
    papergraph.errors.InputError
        When not one paper has a date to count by.

    Examples
    --------
    >>> from papergraph.types import Concept, Listing, Mention
    >>> papers = [Paper(f"p{i}", "", "", (Listing("x", "x", 1, "", "", date=f"2024-0{1 + i // 4}-01"),))
    ...           for i in range(12)]
    >>> lora = Concept("concept:lora", "LoRA", ("method",))
    >>> mentions = tuple(Mention(f"p{i}", lora.id, 1) for i in (9, 10, 11))
    >>> trends = concept_trends(papers, Extraction((lora,), mentions), period="month")
    >>> trends.counts.loc[lora.id].to_dict(), trends.totals.tolist()
    ({'2024-01': 0, '2024-02': 0, '2024-03': 3}, [4, 4, 4])
    >>> trends.table[["first_seen", "early", "late", "trend", "burst", "burst_start"]].values.tolist()
    [['2024-03-01', 0, 3, 'steady', True, '2024-03']]
    """
    period, dates, labels, undated = _dated_papers(papers, period)
    if not dates:
        raise InputError(f"none of the {undated} papers has a date to count by {period} (dates come from day "
                         "files named YYYY-MM-DD, date or published fields, or arXiv ids; a page's date line "
                         "such as 'Sep 16' has no year and is not used)")
    periods = period_range(min(dates.values()), max(dates.values()), period)
    column = {label: i for i, label in enumerate(periods)}
    totals = np.zeros(len(periods), dtype=np.int64)
    for label in labels.values():
        totals[column[label]] += 1
    concepts = list(extraction.concepts)
    row = {concept.id: i for i, concept in enumerate(concepts)}
    counts = np.zeros((len(concepts), len(periods)), dtype=np.int64)
    papers_of: dict[str, list[str]] = defaultdict(list)
    for mention in extraction.mentions:
        if mention.paper_id in labels and mention.concept_id in row:
            counts[row[mention.concept_id], column[labels[mention.paper_id]]] += 1
            papers_of[mention.concept_id].append(mention.paper_id)

    half = len(periods) // 2
    later = len(periods) - half
    early, late = counts[:, :half].sum(axis=1), counts[:, later:].sum(axis=1)
    growth, low, high, p_value = _growth(early, late, int(totals[:half].sum()), int(totals[later:].sum()))
    q_value = _false_discovery(p_value)
    state, gain = _bursts(counts, totals, s, gamma)

    rows = []
    for i, concept in enumerate(concepts):
        ids = sorted(papers_of[concept.id], key=lambda pid: (dates[pid], pid))
        burst = _strongest_burst(state[i], gain[i])
        trend = "steady"
        if q_value[i] < _FDR:
            trend = "rising" if growth[i] > 1 else "falling"
        rows.append((
            concept.id, concept.name, concept.type, len(ids), dates[ids[0]] if ids else None,
            dates[ids[-1]] if ids else None, int(early[i]), int(late[i]), growth[i], low[i],
            high[i], p_value[i], q_value[i], trend, burst is not None,
            periods[burst[0]] if burst else None, periods[burst[1]] if burst else None,
            burst[2] if burst else 0.0, LIST_SEPARATOR.join(ids),
        ))
    table = pd.DataFrame(rows, columns=list(TREND_COLUMNS))
    table = table[table["papers"] > 0]
    if types:
        table = table[table["type"].isin(types)]
    table = _order(table, sort)
    if top is not None:
        table = table.head(top)
    ids = [concept.id for concept in concepts]
    return Trends(period, table.reset_index(drop=True), pd.DataFrame(counts, index=ids, columns=periods),
                  pd.DataFrame(state, index=ids, columns=periods), pd.Series(totals, index=periods, name="papers"),
                  undated)


def _growth_words(record) -> str:
    """E.g. 'rising: x2.2 (1.9-2.5) late/early' for a panel title."""
    if not math.isfinite(record.growth):
        return f"{record.trend}: only in the later half ({record.late} papers)" if record.late else record.trend
    return (f"{record.trend}: x{record.growth:.2g} ({record.growth_low:.2g}-{record.growth_high:.2g}) "
            "late/early")


def plot_trends(trends: Trends, path: str | os.PathLike, *, columns: int = 3) -> None:
    """Draw small multiples of the concepts in ``trends.table``, one panel each, and save them.

    Each panel shows the concept's papers per period (bars; burst periods in orange) and,
    dashed, the count expected had it kept its overall share of the corpus's papers. The
    format follows the file name (``.png``, ``.svg``, ``.pdf``); the file is written
    atomically and is the same bytes for the same trends.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from papergraph.readwrite._atomic import atomic_open

    table = trends.table
    periods = list(trends.totals.index)
    rows = max(1, math.ceil(len(table) / columns))
    with plt.rc_context({"svg.hashsalt": "papergraph", "font.size": 9}):
        figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 2.5 * rows), sharex=True, squeeze=False)
        x = np.arange(len(periods))
        totals = trends.totals.to_numpy()
        share_base = max(int(totals.sum()), 1)
        ticks = x[:: max(1, math.ceil(len(periods) / 6))]
        for panel, record in zip(axes.flat, table.itertuples(), strict=False):  # more panels than concepts
            counts = trends.counts.loc[record.id].to_numpy()
            colours = np.where(trends.in_burst.loc[record.id].to_numpy(), "#e8710a", "#4a6fa5")
            panel.bar(x, counts, width=0.85, color=colours)
            panel.plot(x, totals * counts.sum() / share_base, color="#555555", linestyle="--", linewidth=0.9)
            panel.set_title(f"{shorten(record.name, 40)} ({record.type})\n{_growth_words(record)}", fontsize=9,
                            loc="left")
            panel.set_ylabel("papers")
            panel.spines[["top", "right"]].set_visible(False)
        for panel in list(axes.flat)[len(table):]:
            panel.set_visible(False)
        for panel in axes[-1]:
            panel.set_xticks(ticks, [periods[i] for i in ticks], rotation=30, ha="right")
            panel.tick_params(axis="x", labelbottom=True)
        figure.suptitle(f"Papers per {trends.period} mentioning each concept, {periods[0]} to {periods[-1]}\n"
                        "orange: burst (Kleinberg); dashed: expected at the concept's overall share", fontsize=10)
        figure.tight_layout()
        suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".") or "png"
        metadata = {"Date": None} if suffix in ("svg", "pdf") else {"Software": None}
        with atomic_open(path, "wb") as handle:
            figure.savefig(handle, format=suffix, dpi=110, metadata=metadata)
        plt.close(figure)
