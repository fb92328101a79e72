"""Values shared by every exporter: clean text, scalar attributes, stable order, output.

Titles and abstracts come from the web and may hold anything: control characters, lone
surrogates, markup. Each exporter turns attribute values into file text through these
helpers only, so that every format cleans text the same way.
"""

from __future__ import annotations

import io
import math
import numbers
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import IO, Any

import networkx as nx

from papergraph.gc_pause import cyclic_gc_paused
from papergraph.readwrite._atomic import atomic_open
from papergraph.schema import DATASET, HARDWARE, KIND, LIST_SEPARATOR, METHOD, MODEL, PAPER

__all__ = [
    "LIST_SEPARATOR",
    "TYPE_COLOURS",
    "PAPER_COLOUR",
    "ARTIFACT_COLOUR",
    "CLUSTER_COLOURS",
    "cluster_colour",
    "clean_text",
    "clean_texts",
    "join_values",
    "scalar",
    "finite_number",
    "attribute_types",
    "column_types",
    "sorted_nodes",
    "sorted_edges",
    "xml_float",
    "xml_text",
    "xml_value",
    "escape_text",
    "escape_attribute",
    "escape_texts",
    "escape_attributes",
    "interleave",
    "each_distinct",
    "write_chunks",
    "write_text",
]


#: Node colour per concept type (Okabe-Ito, safe for colour-blind readers), as RGB.
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    METHOD: (0, 114, 178),
    MODEL: (213, 94, 0),
    HARDWARE: (0, 158, 115),
    DATASET: (204, 121, 167),
}

#: Colour of paper nodes, and of anything without a known type or cluster.
PAPER_COLOUR: tuple[int, int, int] = (153, 153, 153)

#: Colour of artifact nodes (repositories, models, data, pages; Okabe-Ito yellow).
ARTIFACT_COLOUR: tuple[int, int, int] = (240, 228, 66)

#: Colours of communities 0, 1, 2, ... (the "tab10" palette and five more), reused cyclically.
CLUSTER_COLOURS: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    # Beyond tab10, five darker colours that stay apart from it (a map has 10-15 clusters).
    (0, 0, 128),
    (128, 128, 0),
    (0, 128, 128),
    (128, 0, 0),
    (255, 215, 0),
)


def cluster_colour(community: int) -> tuple[int, int, int]:
    """The colour of a community, the palette reused cyclically.

    >>> cluster_colour(0) == cluster_colour(len(CLUSTER_COLOURS))
    True
    """
    return CLUSTER_COLOURS[community % len(CLUSTER_COLOURS)]

# Characters XML 1.0 forbids (C0 controls other than tab and newline, U+FFFE, U+FFFF) and
# the C1 controls it merely discourages; CR is folded into LF before this runs.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

# Characters XML character data, and an XML attribute value, cannot hold as they are.
_TEXT_SPECIAL = re.compile("[&<>]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')

# Joins a column's texts for one escaping pass: cleaned text never holds it (clean_text drops NUL).
_SEPARATOR = "\x00"


def clean_text(text: str) -> str:
    """Text that is valid in XML 1.0, UTF-8, CSV and JSON, and reads the same.

    Surrogate pairs are joined, lone surrogates become U+FFFD, line breaks become ``\\n`` and
    other control characters are dropped. Markup is left alone: escaping belongs to the format.

    Examples
    --------
    >>> clean_text("a\\x00b\\r\\nc \\ud800 <i>&</i>")
    'ab\\nc \\ufffd <i>&</i>'
    >>> clean_text("\\ud83d\\ude00") == "\\N{GRINNING FACE}"
    True
    """
    if text.isprintable():  # no controls, surrogates or noncharacters: the common case
        return text
    if not text.isascii():
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED.sub("", text)


def clean_texts(texts: Sequence[str]) -> list[str]:
    """:func:`clean_text` of each text; one C pass over them all when none needs cleaning (as most do not).

    >>> clean_texts(["two\\nlines", "a\\x00b", "\\ud800"])
    ['two\\nlines', 'ab', '\\ufffd']
    """
    joined = "".join(texts)
    # Printable but for line breaks and tabs: no control, surrogate or noncharacter, nothing to clean.
    # (isprintable is a quick C scan; a regular expression of those characters is not.)
    if joined.isprintable() or joined.replace("\n", " ").replace("\t", " ").isprintable():
        return list(texts)
    return [text if text.isprintable() else clean_text(text) for text in texts]


def join_values(values: Iterable[Any]) -> str:
    """One string for a multi-valued attribute: items cleaned and joined with ``"; "``.

    Sets have no order, so their items are sorted first.

    Examples
    --------
    >>> join_values(("2401.00001", "hf-daily"))
    '2401.00001; hf-daily'
    >>> join_values(())
    ''
    """
    if isinstance(values, (set, frozenset)):
        values = sorted(values, key=str)
    # The separator keeps items apart, so cleaning the joined text cleans each item.
    return clean_text(LIST_SEPARATOR.join(map(str, values)))


def scalar(value: Any) -> str | int | float | bool:
    """The value as one of ``str``, ``int``, ``float`` or ``bool``, text cleaned.

    Examples
    --------
    >>> scalar(("a", "b")), scalar(3), scalar(0.5), scalar("x\\x07"), scalar(None)
    ('a; b', 3, 0.5, 'x', '')
    """
    kind = type(value)
    if kind is str:
        return clean_text(value)
    if kind is float or kind is int or kind is bool:
        return value
    if kind is tuple:
        return join_values(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, (tuple, list, set, frozenset)):
        return join_values(value)
    if value is None:
        return ""
    return clean_text(str(value))


def finite_number(value: Any, digits: int | None = None) -> int | float | None:
    """The value as a Python ``int`` or ``float`` if it is a finite number, else ``None``.

    For formats that have no NaN or infinity (JSON) or readers that choke on them. With
    ``digits``, a float is rounded to that many decimals (an int is left alone).

    Examples
    --------
    >>> finite_number(3), finite_number(0.5), finite_number(float("nan")), finite_number("3"), finite_number(True)
    (3, 0.5, None, None, None)
    >>> finite_number(1 / 3, digits=6), finite_number(7, digits=2)
    (0.333333, 7)
    """
    number = scalar(value)
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        return None
    if digits is not None and isinstance(number, float):
        return round(number, digits)
    return number


def attribute_types(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The type of each attribute across records, by name: boolean, int, double or string.

    An attribute holding both ints and floats is a double; any other mix is a string.

    Examples
    --------
    >>> attribute_types([{"n": 1, "w": 1, "t": ("a",)}, {"w": 0.5, "ok": True}])
    {'n': 'int', 'ok': 'boolean', 't': 'string', 'w': 'double'}
    """
    # The type name of a scalar() depends on the Python type of the value only.
    kinds: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            kinds.setdefault(str(name), set()).add(type(value))
    return column_types(kinds)


def column_types(kinds: Mapping[str, Iterable[type]]) -> dict[str, str]:
    """:func:`attribute_types` from the Python types of each attribute's values, by name.

    Examples
    --------
    >>> column_types({"w": {int, float}, "n": {int}, "t": {str, int}})
    {'n': 'int', 't': 'string', 'w': 'double'}
    """
    types = {}
    for name in sorted(kinds):
        names = {_type_name(kind) for kind in kinds[name]}
        if len(names) == 1:
            types[name] = names.pop()
        elif names == {"int", "double"}:
            types[name] = "double"
        else:
            types[name] = "string"
    return types


def _type_name(kind: type) -> str:
    """The :func:`attribute_types` name of what :func:`scalar` makes of a value of type ``kind``."""
    if issubclass(kind, bool):
        return "boolean"
    if issubclass(kind, numbers.Integral):
        return "int"
    if issubclass(kind, numbers.Real):
        return "double"
    return "string"


def sorted_nodes(G: nx.Graph) -> list[tuple[Any, dict]]:
    """``(node, data)`` pairs sorted by node id, so every export lists nodes in one order."""
    return sorted(G.nodes(data=True), key=lambda pair: str(pair[0]))


def sorted_edges(G: nx.Graph) -> list[tuple[Any, Any, Any, dict]]:
    """``(source, target, key, data)`` sorted by source, target and key.

    Edges are undirected; the source is the paper of a paper-concept edge and the smaller id
    otherwise, whichever way round networkx stores the edge.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept")
    >>> G.add_node("title:ab12", kind="paper")
    >>> G.add_edge("concept:bert", "title:ab12", key="mentions", weight=2.0)
    'mentions'
    >>> [(u, v, k) for u, v, k, _ in sorted_edges(G)]
    [('title:ab12', 'concept:bert', 'mentions')]
    """
    paper = {node: data.get(KIND) == PAPER for node, data in G.nodes(data=True)}
    names = {node: str(node) for node in G}
    keyed = []
    for u, v, key, data in G.edges(keys=True, data=True):
        u_name, v_name = names[u], names[v]
        u_paper, v_paper = paper[u], paper[v]
        if (v_paper and not u_paper) or (u_paper == v_paper and v_name < u_name):
            u, v, u_name, v_name = v, u, v_name, u_name
        keyed.append(((u_name, v_name, str(key)), (u, v, key, data)))
    keyed.sort(key=itemgetter(0))
    return [edge for _, edge in keyed]


def xml_float(value: float) -> str:
    """A float as an ``xs:double`` literal: shortest round-trip digits, ``NaN``/``INF`` spelt as XML wants.

    Examples
    --------
    >>> xml_float(0.1), xml_float(3), xml_float(float("inf")), xml_float(float("nan"))
    ('0.1', '3.0', 'INF', 'NaN')
    """
    value = float(value)
    if math.isfinite(value):
        return repr(value)
    if math.isnan(value):
        return "NaN"
    return "INF" if value > 0 else "-INF"


def xml_text(value: str | int | float | bool, type_: str) -> str:
    """A :func:`scalar` as the XML text of an attribute declared as ``type_`` (see :func:`attribute_types`).

    Examples
    --------
    >>> xml_text(True, "boolean"), xml_text(2, "double"), xml_text(2, "string")
    ('true', '2.0', '2')
    """
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "double":
        return xml_float(float(value))
    return str(value)


def xml_value(value: Any, type_: str) -> str:
    """``xml_text(scalar(value), type_)``, quicker for the value types of the graph schema.

    Examples
    --------
    >>> xml_value(("a", "b\\x00"), "string"), xml_value(2, "double"), xml_value(None, "string")
    ('a; b', '2.0', '')
    """
    kind = type(value)
    if type_ == "string":
        if kind is str:
            return value if value.isprintable() else clean_text(value)
        if kind is tuple:
            return join_values(value)
    elif type_ == "double":
        if kind is float and math.isfinite(value):
            return repr(value)
    elif type_ == "int":
        if kind is int:
            return repr(value)
    return xml_text(scalar(value), type_)


def escape_text(text: str) -> str:
    """``text`` escaped as XML character data, as :mod:`xml.etree.ElementTree` escapes it.

    Examples
    --------
    >>> escape_text("a < b & 'c'")
    "a &lt; b &amp; 'c'"
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """``text`` escaped as an XML attribute value in double quotes, as :mod:`xml.etree.ElementTree` escapes it.

    Tabs and line breaks become character references, so they survive attribute normalisation.

    Examples
    --------
    >>> escape_attribute('a "b" <c>\\td\\n')
    'a &quot;b&quot; &lt;c&gt;&#09;d&#10;'
    """
    if _ATTRIBUTE_SPECIAL.search(text) is None:
        return text
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def escape_texts(texts: list[str]) -> list[str]:
    """:func:`escape_text` of each text, in one pass over them all.

    Examples
    --------
    >>> escape_texts(["a < b", "", "c & d"])
    ['a &lt; b', '', 'c &amp; d']
    """
    return _escape_all(texts, escape_text, _TEXT_SPECIAL)


def escape_attributes(texts: list[str]) -> list[str]:
    """:func:`escape_attribute` of each text, in one pass over them all.

    Examples
    --------
    >>> escape_attributes(['say "hi"', "a\\tb", "plain"])
    ['say &quot;hi&quot;', 'a&#09;b', 'plain']
    """
    return _escape_all(texts, escape_attribute, _ATTRIBUTE_SPECIAL)


def _escape_all(texts: list[str], escape: Callable[[str], str], special: re.Pattern[str]) -> list[str]:
    # Escaping replaces characters one by one, so the texts joined by a character none of them
    # holds, escaped and split again, are the texts escaped: a few C passes instead of a call each.
    joined = _SEPARATOR.join(texts)
    if special.search(joined) is None:
        return list(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator: one by one
        return list(map(escape, texts))
    return escape(joined).split(_SEPARATOR)


def interleave(n: int, parts: Sequence[str | list[str]]) -> str:
    """``n`` rows of text, row ``i`` being the ``i``-th text of each part in turn, a part that is a
    ``str`` the same in every row.

    The writers put a chunk of rows together with it: each part takes its place in one list by a
    slice assignment and the list is joined once, where formatting row by row costs a few Python
    operations a row.

    Examples
    --------
    >>> interleave(2, ["<n id=", ["a", "b"], " w=", ["1", "2"], " />\\n"])
    '<n id=a w=1 />\\n<n id=b w=2 />\\n'
    """
    merged: list[str | list[str]] = []
    for part in parts:  # neighbouring constants as one
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    k = len(merged)
    if not k:
        return ""
    pieces = [""] * (n * k)
    for j, part in enumerate(merged):
        pieces[j::k] = [part] * n if isinstance(part, str) else part
    return "".join(pieces)


def each_distinct(function: Callable[[str], Any], values: list[Any]) -> list[Any]:
    """``function`` of each value, called once per distinct value when all of them are text
    (attribute values repeat: a handful of kinds, a few hundred days).

    >>> each_distinct(str.upper, ["a", "b", "a"])
    ['A', 'B', 'A']
    """
    if set(map(type, values)) - {str}:  # 1, 1.0 and True are one key of a dict, three texts
        return list(map(function, values))
    known = {value: function(value) for value in set(values)}
    return list(map(known.__getitem__, values))


def write_chunks(path: str | os.PathLike | IO, chunks: Iterable[str]) -> None:
    """Write the strings of ``chunks`` as UTF-8, one after another, to a file name or ``Path`` or to an open file.

    A file name or ``Path`` is written atomically: if ``chunks`` raises, the file is left as it
    was. An open file may be binary or text; each chunk is written as it comes, so the whole
    text is never held in memory. Errors of the file system (``OSError``) propagate.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> write_chunks(buffer, iter(["é", "\\n"]))
    >>> buffer.getvalue()
    b'\\xc3\\xa9\\n'
    """
    # The writers make millions of strings, lists and records and no reference cycles: the collector
    # would walk the graph's millions of values again and again for nothing.
    with cyclic_gc_paused():
        if hasattr(path, "write"):
            binary = isinstance(path, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(path, "mode", "")
            write = path.write
            for chunk in chunks:
                write(chunk.encode("utf-8") if binary else chunk)
            return
        with atomic_open(path, "w") as handle:
            handle.writelines(chunks)


def write_text(path: str | os.PathLike | IO, text: str) -> None:
    """Write ``text`` as UTF-8 to a file name or ``Path`` (atomically) or to an open file.

    An open file may be binary or text. Errors of the file system (``OSError``) propagate.
    See :func:`write_chunks` for text that comes in pieces.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> write_text(buffer, "é")
    >>> buffer.getvalue()
    b'\\xc3\\xa9'
    """
    write_chunks(path, (text,))
