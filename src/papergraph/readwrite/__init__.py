"""Stage 6: exporters, one module per format, in the style of ``networkx.readwrite``.

Every writer takes the graph first and a path second, and writes through a temporary
file renamed into place, so an interrupted export never leaves a half-written file.
"""

from papergraph.readwrite._columns import EDGE_PAPERS_SHOWN, GraphColumns, reporting, write_streams  # noqa: F401
from papergraph.readwrite.gexf import *  # noqa: F401,F403
from papergraph.readwrite.gexf import stream_gexf, write_gexf
from papergraph.readwrite.graphml import *  # noqa: F401,F403
from papergraph.readwrite.graphml import stream_graphml, write_graphml
from papergraph.readwrite.html import *  # noqa: F401,F403
from papergraph.readwrite.html import write_html
from papergraph.readwrite.tables import *  # noqa: F401,F403
from papergraph.readwrite.tables import stream_edges_csv, stream_nodes_csv, write_edges_csv, write_nodes_csv
from papergraph.readwrite.vosviewer import *  # noqa: F401,F403
from papergraph.readwrite.vosviewer import write_vosviewer

#: The formats whose writers take a graph already laid out for export (:class:`GraphColumns`).
COLUMNAR = frozenset({"graphml", "gexf", "vosviewer", "csv"})

#: Export format name -> the files it writes, as (file name, writer) pairs, in writing order.
WRITERS = {
    "graphml": (("graph.graphml", write_graphml),),
    "gexf": (("graph.gexf", write_gexf),),
    "vosviewer": (("vosviewer.json", write_vosviewer),),
    "html": (("graph.html", write_html),),
    "csv": (("nodes.csv", write_nodes_csv), ("edges.csv", write_edges_csv)),
}

#: The files streamed from a laid-out graph, by name -> their stream (:class:`FileStream`): written together
#: (:func:`write_streams`), they make the texts of each slice of nodes or edges, the edges' lists above all, once
#: for all of them.
STREAMS = {"graph.graphml": stream_graphml, "graph.gexf": stream_gexf, "nodes.csv": stream_nodes_csv,
           "edges.csv": stream_edges_csv}
