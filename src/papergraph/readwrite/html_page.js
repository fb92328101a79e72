// The papergraph page. Every string from the graph reaches the DOM through textContent
// (or vis-network's tooltip, which uses innerText), never as HTML.
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  // A selection veils the whole drawing and draws its neighbourhood again on top: no node or
  // edge but those of the neighbourhood is restyled, so a click costs the same on any graph.
  var VEIL = "rgba(255, 255, 255, 0.78)";
  // Edges are faint so that the structure shows rather than a hairball: co_occurs ties (the
  // concepts' own network) are the strongest, paper-concept and paper-paper ties the faintest.
  var EDGE_STYLES = {
    co_occurs: { color: "#52607d", opacity: 0.35 },
    mentions: { color: "#8f98aa", opacity: 0.12 },
    other: { color: "#9aa3b2", opacity: 0.08 }
  };
  // Many edges drawn at that strength make a grey cloud: fainter the more there are.
  var coOccurs = data.edges.filter(function (e) { return e.kind === "co_occurs"; }).length;
  EDGE_STYLES.co_occurs.opacity = Math.max(0.12, Math.min(0.35, 0.35 * Math.sqrt(800 / Math.max(coOccurs, 1))));
  var EDGE_LIT_STYLES = {
    co_occurs: { color: "#2f3a55", opacity: 0.9 },
    mentions: { color: "#8f98aa", opacity: 0.35 },
    other: { color: "#9aa3b2", opacity: 0.3 }
  };
  // Labels are drawn from this many screen pixels up (fading in over the last one) and never
  // drawn larger than the other: zooming in shows the weaker concepts' labels in turn.
  // (vis-network's own scaling.label.maxVisible only fades colours, so the page caps sizes.)
  var LABEL_MIN_PX = 9;
  var LABEL_MAX_PX = 24;
  // Concepts highlighted with a selection are labelled at least this large on screen.
  var LIT_LABEL_PX = 13;
  // Paper titles, in screen pixels: shown from this zoom on, or when hovered or selected.
  var PAPER_LABEL_PX = 12;
  var PAPER_LABEL_SCALE = 2.5;
  var KIND_TITLES = {
    mentions: { paper: "Concepts mentioned", concept: "Papers mentioning it" },
    co_occurs: { paper: "Co-occurring concepts", concept: "Co-occurring concepts" },
    co_listed: { paper: "Listed on the same pages", concept: "Listed on the same pages" },
    shares_concepts: { paper: "Papers sharing concepts", concept: "Papers sharing concepts" }
  };
  var TOP = 10;
  // A concept's papers listed at first; a button shows the rest.
  var FIRST_PAPERS = 20;
  // Cluster names on the map, in screen pixels.
  var CLUSTER_LABEL_PX = 14;
  var ARXIV = "https://arxiv.org/abs/";

  // Colour by cluster when there are clusters to tell apart; the type stays visible as the shape.
  var clusterById = new Map();
  data.clusters.forEach(function (c) { clusterById.set(c.id, c); });
  var colorBy = data.clusters.length > 1 ? "cluster" : "type";
  function fillOf(n) {
    if (colorBy === "cluster" && clusterById.has(n.community)) { return clusterById.get(n.community).color; }
    if (colorBy === "time") { return timeColor(timeOf(n)); }
    return data.colors[n.group];
  }

  // Colour by time: a node's mean date (a paper's first_seen) on the viridis ramp, from the
  // earliest date in the page to the latest; undated nodes are grey. Dates are ISO days or months.
  var TIME_RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  var UNDATED = "#c8c8c8";
  function dayNumber(iso) {
    var parts = String(iso).split("-");
    return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2] || 1)) / 86400000;
  }
  function timeOf(n) {
    var date = n.mean_date || n.first_seen;
    return date ? dayNumber(date) : null;
  }
  var timeSpan = data.nodes.reduce(function (span, n) {
    var t = timeOf(n);
    if (t === null) { return span; }
    return span === null ? [t, t] : [Math.min(span[0], t), Math.max(span[1], t)];
  }, null);
  function timeColor(t) {
    if (t === null || timeSpan === null) { return UNDATED; }
    var share = timeSpan[1] > timeSpan[0] ? (t - timeSpan[0]) / (timeSpan[1] - timeSpan[0]) : 1;
    var x = share * (TIME_RAMP.length - 1);
    var i = Math.min(Math.floor(x), TIME_RAMP.length - 2);
    var f = x - i;
    return "#" + TIME_RAMP[i].map(function (c, k) {
      var v = Math.round(c + (TIME_RAMP[i + 1][k] - c) * f);
      return (v < 16 ? "0" : "") + v.toString(16);
    }).join("");
  }
  function isoDay(dayNo) { return new Date(dayNo * 86400000).toISOString().slice(0, 10); }

  var byId = new Map();
  var adjacency = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); adjacency.set(n.id, []); });
  data.edges.forEach(function (e, i) {
    e.id = i;
    adjacency.get(e.from).push({ edge: e, other: e.to });
    if (e.to !== e.from) { adjacency.get(e.to).push({ edge: e, other: e.from }); }
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function shortLabel(n) {
    var label = n.label;
    var limit = n.kind === "paper" ? 36 : 48;
    return label.length > limit ? label.slice(0, limit - 1) + "\u2026" : label;
  }

  function fmt(x) {
    if (x === null || x === undefined) { return "\u2013"; }
    return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
  }

  function describe(n) {
    if (n.kind === "paper") { return "paper"; }
    if (n.kind === "artifact") { return "artifact \u00b7 " + n.type; }
    var types = n.types && n.types.length ? n.types : [n.group];
    return "concept \u00b7 " + types.join(" / ");
  }

  var paperLabels = false;
  var hovered = null;

  // A paper's label is shown only when zoomed in, hovered or selected; "" hides it.
  function labelOf(n) {
    if (n.kind !== "paper" || n.id === hovered || n.id === selected || paperLabels) {
      return shortLabel(n);
    }
    return "";
  }

  // A label's size in canvas pixels at the current zoom.
  var scale = 1;
  function fontOf(n, lit) {
    if (n.kind === "paper") { return PAPER_LABEL_PX / scale; }
    var size = lit ? Math.max(n.font, LIT_LABEL_PX / scale) : n.font;
    return Math.min(size, LABEL_MAX_PX / scale);
  }

  var drawn = new Map();
  function visNode(n) {
    var fill = fillOf(n);
    var fontSize = fontOf(n, false);
    var item = {
      id: n.id,
      label: labelOf(n),
      title: n.label + "\n" + describe(n) + "\nweighted degree " + fmt(n.weighted_degree),
      x: n.x,
      y: n.y,
      size: n.size,
      shape: data.shapes[n.group] || "dot",
      color: { background: fill, border: "#ffffff", highlight: { background: fill, border: "#1d2330" } },
      borderWidth: n.kind === "paper" ? 0.5 : 1,
      font: {
        size: fontSize,
        color: n.kind === "paper" ? "#3a4152" : "#1d2330",
        strokeWidth: Math.max(3, fontSize * 0.18),
        strokeColor: "rgba(255, 255, 255, 0.9)"
      }
    };
    return item;
  }

  function edgeStyle(e, styles) { return styles[e.kind] || styles.other; }

  function visEdge(e, style) {
    var title = e.kind + " \u00b7 weight " + fmt(e.weight);
    return { id: e.id, from: e.from, to: e.to, width: e.width, color: style, title: title };
  }

  var selected = null;
  // Nodes are listed strongest first; drawn in reverse, the strongest labels end up on top.
  var nodes = new vis.DataSet(data.nodes.slice().reverse().map(function (n) { return visNode(n); }));
  // What each node was last given, to update only what a zoom step changes.
  function apply(items) {
    items.forEach(function (item) { drawn.set(item.id, item); });
    nodes.update(items);
  }
  nodes.forEach(function (item) { drawn.set(item.id, item); });
  var edges = new vis.DataSet(data.edges.map(function (e) { return visEdge(e, edgeStyle(e, EDGE_STYLES)); }));

  var groupOn = {};
  data.groups.forEach(function (g) { groupOn[g] = true; });
  var kindOn = {};
  data.edge_kinds.forEach(function (k) { kindOn[k] = true; });
  var minWeight = 0;

  // The time filter hides nodes first seen after the cut (undated nodes stay): the corpus as it grew.
  var timeCut = null;
  function nodeShown(id) {
    var n = byId.get(id);
    return groupOn[n.group] && (timeCut === null || !n.first_seen || dayNumber(n.first_seen) <= timeCut);
  }
  var nodesView = new vis.DataView(nodes, { filter: function (item) { return nodeShown(item.id); } });
  var edgesView = new vis.DataView(edges, {
    filter: function (item) {
      var e = data.edges[item.id];
      return kindOn[e.kind] && e.weight >= minWeight && nodeShown(e.from) && nodeShown(e.to);
    }
  });

  var container = document.getElementById("network");
  var big = data.edges.length > 3000 || data.nodes.length > 1000;
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -40, springLength: 80, avoidOverlap: 0.2 },
      stabilization: { enabled: false }
    },
    nodes: { scaling: { label: { drawThreshold: LABEL_MIN_PX, maxVisible: 1000 } } },
    edges: { smooth: false, selectionWidth: 1.5 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big }
  });

  // A small graph fitted to the screen would be drawn huge.
  if (network.getScale() > 1.2) { network.moveTo({ scale: 1.2 }); }
  scale = network.getScale();
  apply(data.nodes.map(function (n) { return visNode(n); }));
  timing.network = performance.now();
  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  // ---- selection: highlight a neighbourhood, veil the rest --------------------------------
  // Nothing in vis-network's data sets changes on a click (each change there walks the whole
  // graph): the selection is drawn over the network after each drawing.
  var near = null;
  var litEdges = [];

  // The selected node and its strongest concept neighbours are labelled at a readable size.
  var LIT_LABELS = 15;
  var litLabels = new Set();
  function redrawNodes() {
    apply(data.nodes.map(function (n) { return visNode(n); }));
  }

  function relight(id) {
    near = id === null ? null : new Set([id]);
    litLabels = new Set();
    litEdges = [];
    if (id !== null) {
      var around = adjacency.get(id);
      around.forEach(function (a) { near.add(a.other); litEdges.push(a.edge); });
      var ties = around.filter(function (a) { return byId.get(a.other).kind !== "paper"; });
      ties.sort(function (a, b) { return b.edge.width - a.edge.width || (a.other < b.other ? -1 : 1); });
      litLabels.add(id);
      ties.slice(0, LIT_LABELS).forEach(function (a) { litLabels.add(a.other); });
    }
    document.body.setAttribute("data-dimmed", String(near === null ? 0 : data.nodes.length - near.size));
    requestRedraw();
  }

  // On the next animation frame, once however often it is asked for (network.redraw() draws at once).
  function requestRedraw() { network.body.emitter.emit("_requestRedraw"); }

  // A veil over the drawing, then the neighbourhood again on top: its edges in their lit
  // style, its nodes with vis-network's own drawing code, the lit labels at a readable size.
  function drawNeighbourhood(ctx) {
    if (near === null) { return; }
    var body = network.body;
    var zoom = network.getScale();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    ctx.save();
    litEdges.forEach(function (e) {
      var from = body.nodes[e.from];
      var to = body.nodes[e.to];
      if (!body.edges[e.id] || !from || !to) { return; }
      var style = edgeStyle(e, EDGE_LIT_STYLES);
      ctx.globalAlpha = style.opacity;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = Math.max(e.width, 1 / zoom);
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    });
    ctx.restore();
    // A lit label already drawn at its lit size is drawn again by vis-network's own code, right
    // over its veiled copy; only one that grows is drawn here (a copy elsewhere would show twice).
    var labels = [];
    var grown = [];
    near.forEach(function (id) {
      var node = body.nodes[id];
      if (!node || !nodeShown(id)) { return; }
      var drawnNode = node.draw(ctx);
      var n = byId.get(id);
      if (litLabels.has(id) && fontOf(n, true) > fontOf(n, false) + 0.01 / zoom) {
        grown.push(id);
      } else if (drawnNode && drawnNode.drawExternalLabel) {
        labels.push(drawnNode.drawExternalLabel);
      }
    });
    labels.forEach(function (drawLabel) { drawLabel(); });
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    grown.forEach(function (id) {
      var node = body.nodes[id];
      var n = byId.get(id);
      var size = fontOf(n, true);
      ctx.font = size + "px system-ui, sans-serif";
      ctx.lineWidth = Math.max(3 / zoom, size * 0.18);
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.fillStyle = "#1d2330";
      var y = node.y + n.size + 2 / zoom;
      ctx.strokeText(shortLabel(n), node.x, y);
      ctx.fillText(shortLabel(n), node.x, y);
    });
    ctx.restore();
  }

  function clearSelection() {
    selected = null;
    relight(null);
    network.unselectAll();
    document.body.removeAttribute("data-selected");
    document.body.setAttribute("data-dimmed", "0");
    showHint();
  }

  function select(id, options) {
    var n = byId.get(id);
    if (!n) { return false; }
    if (!groupOn[n.group]) { setGroup(n.group, true); }
    selected = id;
    // Focus first: the labels of the highlighted concepts are sized for the zoom they are seen at.
    if (options && options.focus) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    relight(id);
    network.selectNodes([id]);
    showDetails(n);
    document.body.setAttribute("data-selected", id);
    return true;
  }

  // Paper titles: on hover, and for all papers once zoomed in far enough to read them.
  function relabel(id) {
    var n = byId.get(id);
    if (n && n.kind === "paper") { apply([visNode(n)]); }
  }
  network.on("hoverNode", function (params) {
    var before = hovered;
    hovered = params.node;
    relabel(before);
    relabel(hovered);
  });
  network.on("blurNode", function (params) {
    if (hovered === params.node) { hovered = null; }
    relabel(params.node);
  });
  // Checked after each drawing, so that zooming by wheel, by the buttons or by script all count:
  // label sizes follow the zoom, and paper titles appear once zoomed in far enough.
  network.on("afterDrawing", function () {
    var now = network.getScale();
    var labels = now >= PAPER_LABEL_SCALE;
    if (Math.abs(now - scale) <= 0.04 * scale && labels === paperLabels) { return; }
    scale = now;
    paperLabels = labels;
    // Only the nodes whose label changes are updated: a zoom step stays cheap.
    var changed = [];
    data.nodes.forEach(function (n) {
      var item = visNode(n);
      var before = drawn.get(n.id);
      if (before.label !== item.label || Math.abs(before.font.size - item.font.size) > 0.01 * item.font.size) {
        changed.push(item);
      }
    });
    if (changed.length) { apply(changed); }
  });

  // ---- cluster names on the map, at the middle of each cluster's concepts ------------------
  var centres = data.clusters.map(function (c) {
    var members = data.nodes.filter(function (n) { return n.kind === "concept" && n.community === c.id; });
    if (!members.length) { return null; }
    var x = 0, y = 0;
    members.forEach(function (n) { x += n.x; y += n.y; });
    var name = (c.label || "").split(", ").slice(0, 2).join(", ");
    return { x: x / members.length, y: y / members.length, name: name, color: c.color };
  }).filter(function (c) { return c !== null && c.name; });
  // A focus page has its own layout, not grouped by cluster: there a cluster's middle names nothing.
  function drawClusterNames(ctx) {
    if (data.clusters.length < 2 || data.focus !== null) { return; }
    var size = CLUSTER_LABEL_PX / network.getScale();
    ctx.save();
    ctx.font = "600 " + size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = size * 0.3;
    ctx.globalAlpha = 0.9;
    // Largest cluster first; a name that would overlap one already placed moves off its
    // centre by a line at a time, below and above in turn, so that no two names cover each other.
    // A name near the edge of the view slides in so that it is read whole.
    var low = network.DOMtoCanvas({ x: 0, y: 0 });
    var high = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var placed = [];
    centres.forEach(function (c) {
      var half = ctx.measureText(c.name).width / 2;
      var x = Math.max(low.x + half + size, Math.min(high.x - half - size, c.x));
      var y = c.y;
      for (var k = 1; k < 12 && placed.some(function (p) { return overlaps(p, x, y, half, size); }); k++) {
        y = c.y + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * size * 1.2;
      }
      placed.push({ x: x, y: y, half: half });
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.strokeText(c.name, x, y);
      ctx.fillStyle = colorBy === "cluster" ? c.color : "#4a5262";
      ctx.fillText(c.name, x, y);
    });
    ctx.restore();
  }
  function overlaps(p, x, y, half, size) {
    return Math.abs(p.x - x) < p.half + half && Math.abs(p.y - y) < size * 1.1;
  }
  network.on("afterDrawing", function (ctx) {
    drawClusterNames(ctx);
    drawNeighbourhood(ctx);
  });

  // A click's cost, for the benchmark: from the handler's start to the end of the next drawing.
  network.on("click", function (params) {
    var start = performance.now();
    if (params.nodes.length) { select(params.nodes[0]); } else if (selected !== null) { clearSelection(); }
    timing.clickHandler = performance.now() - start;
    network.once("beforeDrawing", function () { timing.clickDrawStart = performance.now(); });
    network.once("afterDrawing", function () {
      var end = performance.now();
      timing.clickDraw = end - timing.clickDrawStart;
      timing.click = end - start;
    });
    requestRedraw();
  });

  // ---- the details panel -----------------------------------------------------------------
  var details = document.getElementById("details");

  function showHint() {
    var hint = "Click a node, or find one by name, to see its details and highlight its neighbourhood.";
    details.replaceChildren(el("p", hint, "hint"));
  }

  function paperTitle(pid) {
    var n = byId.get(pid);
    if (n) { return n.title || n.label; }
    return data.papers[pid] ? data.papers[pid].title : pid;
  }

  var EVIDENCE = { co_occurs: "shared paper", mentions: "mention", co_listed: "shared page", shares_concepts: "" };
  function evidence(e) {
    var unit = EVIDENCE[e.kind];
    var strength = "strength " + fmt(e.weight);
    if (!unit) { return strength; }
    return fmt(e.count) + " " + unit + (e.count === 1 ? "" : "s") + " \u00b7 " + strength;
  }

  // Opens in a new tab without giving the page a handle on it (or telling arXiv where from).
  function arxivLink(arxivId, text) {
    var link = el("a", text);
    link.href = ARXIV + encodeURIComponent(arxivId).replace(/%2F/g, "/");
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  // One paper in a list: its title, a link to its arXiv page when it has an id, and its listings.
  function paperItem(pid) {
    var paper = data.papers[pid] || { title: paperTitle(pid), arxiv_id: "", n_listings: 0 };
    var item = el("li");
    if (paper.arxiv_id) {
      item.append(arxivLink(paper.arxiv_id, paper.title));
    } else {
      item.append(el("span", paper.title));
    }
    if (paper.n_listings > 1) { item.append(" ", el("span", "listed " + paper.n_listings + "\u00d7", "weight")); }
    if (byId.has(pid)) {
      var show = el("button", "show", "link");
      show.type = "button";
      show.addEventListener("click", function () { select(pid, { focus: true }); });
      item.append(" ", show);
    }
    return item;
  }

  function papersSection(parent, n) {
    parent.append(el("h3", "Papers (" + n.papers.length + "), most listed first"));
    var list = el("ul", null, "papers");
    n.papers.slice(0, FIRST_PAPERS).forEach(function (pid) { list.append(paperItem(pid)); });
    parent.append(list);
    if (n.papers.length > FIRST_PAPERS) {
      var more = el("button", "Show all " + n.papers.length + " papers", "link");
      more.type = "button";
      more.addEventListener("click", function () {
        n.papers.slice(FIRST_PAPERS).forEach(function (pid) { list.append(paperItem(pid)); });
        more.remove();
      });
      parent.append(more);
    }
  }

  function nodeLink(id) {
    var button = el("button", byId.get(id).label, "link");
    button.type = "button";
    button.addEventListener("click", function () { select(id, { focus: true }); });
    return button;
  }

  // A link only for an http(s) URL, opened apart from this page; its text is set as text.
  function safeLink(url) {
    var parsed = null;
    try { parsed = new URL(String(url)); } catch (error) { parsed = null; }
    if (parsed === null || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      return el("span", url);
    }
    var link = el("a", url);
    link.href = parsed.href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function fact(parent, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var p = el("p", null, "meta");
    p.append(el("strong", name + ": "), Array.isArray(value) ? value.join(", ") : String(value));
    parent.append(p);
  }

  function tiesSection(parent, n) {
    var byKind = new Map();
    adjacency.get(n.id).forEach(function (a) {
      if (!byKind.has(a.edge.kind)) { byKind.set(a.edge.kind, []); }
      byKind.get(a.edge.kind).push(a);
    });
    data.edge_kinds.forEach(function (kind) {
      var ties = byKind.get(kind);
      // A concept's papers have their own list.
      if (!ties || (kind === "mentions" && n.papers)) { return; }
      // By evidence: the papers (or pages, or concepts) behind a tie, then its strength.
      ties.sort(function (a, b) {
        return b.edge.count - a.edge.count || b.edge.weight - a.edge.weight || (a.other < b.other ? -1 : 1);
      });
      var titles = KIND_TITLES[kind];
      parent.append(el("h3", (titles ? titles[n.kind] : kind) + " (" + ties.length + ")"));
      var list = el("ul");
      ties.slice(0, TOP).forEach(function (a) {
        var item = el("li", null, "tie");
        item.append(nodeLink(a.other), " ", el("span", evidence(a.edge), "weight"));
        var behind = a.edge.papers.filter(function (p) { return p !== n.id && p !== a.other; });
        if (behind.length) {
          var box = el("details");
          var many = a.edge.n_papers === 1 ? " paper" : " papers";
          box.append(el("summary", a.edge.n_papers + many + " behind this tie"));
          var papers = el("ul");
          behind.forEach(function (pid) { papers.append(paperItem(pid)); });
          if (a.edge.n_papers > a.edge.papers.length) {
            papers.append(el("li", "and " + (a.edge.n_papers - a.edge.papers.length) + " more", "hint"));
          }
          box.append(papers);
          item.append(box);
        }
        list.append(item);
      });
      if (ties.length > TOP) { list.append(el("li", "and " + (ties.length - TOP) + " more", "hint")); }
      parent.append(list);
    });
  }

  function showDetails(n) {
    var box = document.createDocumentFragment();
    box.append(el("h2", n.kind === "paper" ? (n.title || n.label) : n.label));
    box.append(el("p", describe(n), "meta"));
    if (n.kind === "paper") {
      var known = data.papers[n.id];
      if (known && known.arxiv_id) {
        var line = el("p", null, "meta");
        line.append(el("strong", "arXiv: "), arxivLink(known.arxiv_id, known.arxiv_id));
        box.append(line);
      } else {
        fact(box, "arXiv", n.arxiv_id);
      }
      fact(box, "Listings", n.n_listings);
      fact(box, "Pages", n.pages);
      fact(box, "Dates", n.dates);
      fact(box, "Sources", n.sources);
      if (n.abstract) { box.append(el("h3", "Abstract"), el("p", n.abstract, "abstract")); }
    } else if (n.kind === "artifact") {
      if (n.url) {
        var where = el("p", null, "meta");
        where.append(el("strong", "Link: "), safeLink(n.url));
        box.append(where);
      }
      fact(box, "Type", n.type);
      fact(box, "Papers", n.n_papers);
    } else {
      fact(box, "Type", n.types && n.types.length ? n.types : n.type);
      fact(box, "Aliases", n.aliases);
      fact(box, "Papers", n.n_papers);
    }
    fact(box, "Cluster", n.community_label);
    fact(box, "Weighted degree", fmt(n.weighted_degree));
    tiesSection(box, n);
    if (n.papers) { papersSection(box, n); }
    details.replaceChildren(box);
    details.scrollTop = 0;
  }

  // ---- search ----------------------------------------------------------------------------
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }

  var names = [];
  data.nodes.forEach(function (n) {
    names.push({ id: n.id, name: norm(n.label), alias: false });
    (n.aliases || []).forEach(function (a) { names.push({ id: n.id, name: norm(a), alias: true }); });
  });

  function find(query) {
    var q = norm(query);
    if (!q) { return null; }
    var tests = [
      function (x) { return !x.alias && x.name === q; },
      function (x) { return x.alias && x.name === q; },
      function (x) { return x.name.startsWith(q); },
      function (x) { return x.name.includes(q); }
    ];
    for (var i = 0; i < tests.length; i++) {
      // Nodes come strongest first, so the first match is the most prominent one.
      var hit = names.find(tests[i]);
      if (hit) { return hit.id; }
    }
    return null;
  }

  var searchStatus = document.getElementById("search-status");
  var searchBox = document.getElementById("search");
  function search(query) {
    var id = find(query);
    searchStatus.textContent = id === null ? "Nothing matches \u201c" + query + "\u201d." : "";
    if (id !== null) { select(id, { focus: true }); }
    return id;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(searchBox.value);
  });
  var datalist = document.getElementById("search-names");
  var seen = new Set();
  names.forEach(function (x) {
    var label = x.alias ? null : byId.get(x.id).label;
    if (label !== null && !seen.has(label)) {
      seen.add(label);
      var option = document.createElement("option");
      option.value = label;
      datalist.append(option);
    }
  });

  // ---- filters and legend ----------------------------------------------------------------
  var stats = document.getElementById("stats");
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    stats.textContent = "Drawn: " + nodesView.length + " nodes, " + edgesView.length + " edges.";
  }

  var groupBoxes = {};
  function setGroup(group, on) {
    groupOn[group] = on;
    groupBoxes[group].checked = on;
    refresh();
  }

  var legend = document.getElementById("legend");
  var SHAPE_SYMBOLS = { dot: "\u25cf", diamond: "\u25c6", square: "\u25a0", triangle: "\u25b2", hexagon: "\u2b22" };
  data.groups.forEach(function (group) {
    var count = data.nodes.filter(function (n) { return n.group === group; }).length;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = group;
    box.addEventListener("change", function () { setGroup(group, box.checked); });
    groupBoxes[group] = box;
    var swatch = el("span", SHAPE_SYMBOLS[data.shapes[group]] || "\u25cf", "shape");
    swatch.setAttribute("data-group", group);
    label.append(box, swatch, group, " ", el("span", "(" + count + ")", "count"));
    legend.append(label);
  });

  function paintTypeSwatches() {
    legend.querySelectorAll(".shape").forEach(function (swatch) {
      swatch.style.color = colorBy === "type" ? data.colors[swatch.getAttribute("data-group")] : "#4a5262";
    });
  }
  paintTypeSwatches();

  var clusterLegend = document.getElementById("clusters");
  if (data.clusters.length) {
    data.clusters.forEach(function (c) {
      var row = el("div", null, "cluster");
      var swatch = el("span", null, "swatch");
      swatch.style.backgroundColor = c.color;
      row.append(swatch, c.label || "cluster " + (c.id + 1), " ", el("span", "(" + c.size + ")", "count"));
      clusterLegend.append(row);
    });
  } else {
    clusterLegend.hidden = true;
  }

  var timeLegend = document.getElementById("time-legend");
  if (timeSpan !== null) {
    document.getElementById("time-ramp").style.background = "linear-gradient(to right, " + TIME_RAMP.map(function (c) {
      return "rgb(" + c.join(",") + ")";
    }).join(", ") + ")";
    document.getElementById("time-first").textContent = isoDay(timeSpan[0]);
    document.getElementById("time-last").textContent = isoDay(timeSpan[1]);
  }

  var timeSlider = document.getElementById("time-cut");
  var timeSliderValue = document.getElementById("time-cut-value");
  function setTimeCut(position) {
    timeCut = position >= 100 || timeSpan === null ? null : timeSpan[0] + (timeSpan[1] - timeSpan[0]) * position / 100;
    timeSliderValue.textContent = timeSpan === null ? "" : isoDay(Math.floor(timeCut === null ? timeSpan[1] : timeCut));
    refresh();
  }
  timeSlider.addEventListener("input", function () { setTimeCut(Number(timeSlider.value)); });
  if (timeSpan !== null) { timeSliderValue.textContent = isoDay(timeSpan[1]); }

  function setColorBy(mode) {
    colorBy = mode;
    timeLegend.hidden = mode !== "time";
    if (mode !== "time" && timeCut !== null) { timeSlider.value = "100"; setTimeCut(100); }
    document.body.setAttribute("data-color-by", mode);
    paintTypeSwatches();
    redrawNodes();
  }
  document.querySelectorAll("input[name=color-by]").forEach(function (radio) {
    radio.checked = radio.value === colorBy;
    var none = { cluster: !data.clusters.length, type: !data.clusters.length && timeSpan === null, time: timeSpan === null };
    radio.disabled = none[radio.value];
    radio.addEventListener("change", function () { if (radio.checked) { setColorBy(radio.value); } });
  });
  document.body.setAttribute("data-color-by", colorBy);

  var kindsBox = document.getElementById("edge-kinds");
  data.edge_kinds.forEach(function (kind) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind;
    box.addEventListener("change", function () { kindOn[kind] = box.checked; refresh(); });
    var count = data.edges.filter(function (e) { return e.kind === kind; }).length;
    label.append(box, " " + kind.replace("_", " ") + " ", el("span", "(" + count + ")", "count"));
    kindsBox.append(label);
  });

  // The slider walks the quantiles of the weights: weights of different kinds differ in scale.
  var weights = data.edges.map(function (e) { return e.weight; }).sort(function (a, b) { return a - b; });
  var slider = document.getElementById("min-weight");
  var sliderValue = document.getElementById("min-weight-value");
  function setMinWeight(position) {
    var index = Math.min(weights.length - 1, Math.floor(position / 100 * weights.length));
    minWeight = position <= 0 || !weights.length ? 0 : weights[index];
    sliderValue.textContent = fmt(minWeight);
    refresh();
  }
  slider.addEventListener("input", function () { setMinWeight(Number(slider.value)); });

  document.getElementById("physics").addEventListener("change", function (event) {
    network.setOptions({ physics: { enabled: event.target.checked } });
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  document.getElementById("clear").addEventListener("click", clearSelection);

  refresh();
  if (data.focus !== null && byId.has(data.focus)) { select(data.focus, { focus: false }); }

  // For scripts driving the page (the browser tests, the benchmark).
  window.papergraph = {
    network: network,
    data: data,
    timing: timing,
    select: function (id) { return select(id, { focus: true }); },
    search: search,
    clearSelection: clearSelection
  };
})();
