"""The graph schema is spelled once, in papergraph.schema: no module writes its names as string literals."""

from __future__ import annotations

import ast
from pathlib import Path

from papergraph import schema

SOURCE = Path(__file__).resolve().parents[1] / "src" / "papergraph"

#: The names a module must take from papergraph.schema: node kinds, edge kinds, concept types and the
#: graph attributes whose words mean nothing else in the code. Left out: words that are also the papers
#: table's columns or a listing's keys ("title", "pages", "type", ...) and single letters ("x", "y");
#: the graph's modules use their constants all the same.
SCHEMA_NAMES = frozenset({
    *schema.NODE_KINDS, *schema.EDGE_KINDS, *schema.CONCEPT_TYPES,
    schema.KIND, schema.LABEL, schema.TYPES, schema.ALIASES, schema.N_PAPERS, schema.URL,
    schema.FIRST_SEEN, schema.MEAN_DATE, schema.WEIGHT, schema.COUNT, schema.PAPERS, schema.CONCEPTS, schema.ARTIFACTS,
    schema.COMMUNITY, schema.COMMUNITY_LABEL, schema.DEGREE, schema.WEIGHTED_DEGREE, schema.PAGERANK, schema.ON_MAP,
})

#: Literals that spell the same word but are not the graph's schema: (module, word) -> why.
NOT_THE_SCHEMA = {
    ("analyse.py", "papers"): "a column of the community summary: the number of papers, not their ids",
    ("analyse.py", "concepts"): "a column of the community summary: the number of concepts",
    ("artifacts.py", "papers"): "a path segment of huggingface.co URLs",
    ("artifacts.py", "model"): "an artifact type (a model on the Hugging Face Hub), not the concept type",
    ("artifacts.py", "dataset"): "an artifact type (a dataset on a hub), not the concept type",
    ("cli.py", "types"): "the Python name of the --type option",
    ("cli.py", "concept"): "the name of a command's argument",
    ("cli.py", "papers"): "a column header of a printed table",
    ("cli.py", "aliases"): "a column header of a printed table",
    ("cli.py", "concepts"): "a key of the extract command's JSON lines and a column header",
    ("explore.py", "concept"): "a column header of the printed neighbours table",
    ("explore.py", "papers"): "a column header of the printed neighbours table",
    ("explore.py", "weight"): "a column header of the printed neighbours table",
    ("extract/extractor.py", "paper"): "the progress bar's unit",
    ("extract/extractor.py", "types"): "a column of the extracted concepts table",
    ("extract/extractor.py", "aliases"): "a column of the extracted concepts table",
    ("extract/extractor.py", "papers"): "a column of the extracted concepts table: the number of papers",
    ("extract/extractor.py", "mentions"): "a column of the extracted concepts table: the number of mentions",
    ("extract/extractor.py", "count"): "a key of a paper's extracted concepts: the number of occurrences",
    ("extract/thesaurus.py", "label"): "a column of VOSviewer's thesaurus files",
    ("graph.py", "kind"): "the progress bar's unit",
    ("listings/hf.py", "paper"): "a key of the Hugging Face daily papers JSON",
    ("readwrite/vosviewer.py", "label"): "a key of VOSviewer's own JSON format",
    ("trends.py", "papers"): "a column of the trends table: the number of papers",
    ("trends.py", "first_seen"): "a column of the trends table, beside its last_seen",
}


def _exempt(tree: ast.Module) -> set[int]:
    """The ids of the string constants that are docstrings or names in ``__all__``/``__slots__``."""
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                exempt.add(id(first.value))
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in node.targets):
            exempt.update(id(sub) for sub in ast.walk(node.value))
    return exempt


def schema_literals(source: str, module: str) -> list[str]:
    """Where ``source`` writes a schema name as a string literal, as ``module:line: 'name'``."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    hits = sorted((node.lineno, node.col_offset, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in SCHEMA_NAMES
                  and id(node) not in exempt and (module, node.value) not in NOT_THE_SCHEMA)
    return [f"{module}:{line}: {value!r}" for line, _, value in hits]


def test_no_module_spells_a_schema_name_as_a_literal():
    found = [hit for path in sorted(SOURCE.rglob("*.py")) if path.name != "schema.py"
             for hit in schema_literals(path.read_text(encoding="utf-8"), path.relative_to(SOURCE).as_posix())]
    assert found == [], "use the constants of papergraph.schema:\n" + "\n".join(found)


def test_the_scan_finds_literals_and_spares_docstrings():
    source = '"""mentions"""\n' \
             '__all__ = ["mean_date"]\n' \
             'def f(G, n):\n    """paper"""\n    return G.nodes[n]["kind"] == "paper"\n'
    assert schema_literals(source, "m.py") == ["m.py:5: 'kind'", "m.py:5: 'paper'"]
    assert schema_literals(source, "analyse.py") == ["analyse.py:5: 'kind'", "analyse.py:5: 'paper'"]
    assert schema_literals('rows["papers"] += 1\n', "analyse.py") == []  # exempt there, and only there
    assert schema_literals('rows["papers"] += 1\n', "graph.py") == ["graph.py:1: 'papers'"]


def test_every_exemption_is_still_needed():
    """An exemption nobody uses any more would let a later literal slip through unseen."""
    used = set()
    for path in SOURCE.rglob("*.py"):
        module = path.relative_to(SOURCE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used.update((module, node.value) for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str))
    assert set(NOT_THE_SCHEMA) <= used, set(NOT_THE_SCHEMA) - used
