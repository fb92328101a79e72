// The papergraph page. Every string from the graph reaches the DOM through textContent
// (or vis-network's tooltip, which uses innerText), never as HTML.
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var DIM_NODE = "rgba(205, 210, 218, 0.45)";
  var DIM_FONT = "rgba(120, 126, 138, 0.25)";
  var EDGE = { color: "#9aa3b2", opacity: 0.55 };
  var EDGE_DIM = { color: "#d5d9e0", opacity: 0.18 };
  var EDGE_LIT = { color: "#46506a", opacity: 0.95 };
  var KIND_TITLES = {
    mentions: { paper: "Concepts mentioned", concept: "Papers mentioning it" },
    co_occurs: { paper: "Co-occurring concepts", concept: "Co-occurring concepts" },
    co_listed: { paper: "Listed on the same pages", concept: "Listed on the same pages" },
    shares_concepts: { paper: "Papers sharing concepts", concept: "Papers sharing concepts" }
  };
  var TOP = 10;

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
    var types = n.types && n.types.length ? n.types : [n.group];
    return "concept \u00b7 " + types.join(" / ");
  }

  function visNode(n, dimmed) {
    var fill = data.colors[n.group];
    return {
      id: n.id,
      label: shortLabel(n),
      title: n.label + "\n" + describe(n) + "\nweighted degree " + fmt(n.weighted_degree),
      x: n.x,
      y: n.y,
      size: n.size,
      shape: n.kind === "paper" ? "square" : "dot",
      color: dimmed
        ? { background: DIM_NODE, border: DIM_NODE, highlight: { background: fill, border: "#1d2330" } }
        : { background: fill, border: "#ffffff", highlight: { background: fill, border: "#1d2330" } },
      borderWidth: 1,
      font: {
        size: n.kind === "paper" ? 11 : Math.round(12 + n.size * 0.4),
        color: dimmed ? DIM_FONT : "#1d2330",
        strokeWidth: dimmed ? 0 : 3,
        strokeColor: "#ffffff"
      }
    };
  }

  function visEdge(e, style) {
    var title = e.kind + " \u00b7 weight " + fmt(e.weight);
    return { id: e.id, from: e.from, to: e.to, width: e.width, color: style, title: title };
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) { return visNode(n, false); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return visEdge(e, EDGE); }));

  var groupOn = {};
  data.groups.forEach(function (g) { groupOn[g] = true; });
  var kindOn = {};
  data.edge_kinds.forEach(function (k) { kindOn[k] = true; });
  var minWeight = 0;

  function nodeShown(id) { return groupOn[byId.get(id).group]; }
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
    nodes: { scaling: { label: { drawThreshold: 7 } } },
    edges: { smooth: false, selectionWidth: 1.5 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big }
  });

  // A small graph fitted to the screen would be drawn huge.
  if (network.getScale() > 1.2) { network.moveTo({ scale: 1.2 }); }
  timing.network = performance.now();
  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  // ---- selection: highlight a neighbourhood, dim the rest -------------------------------
  var selected = null;

  function highlight(id) {
    var near = new Set([id]);
    adjacency.get(id).forEach(function (a) { near.add(a.other); });
    nodes.update(data.nodes.map(function (n) { return visNode(n, !near.has(n.id)); }));
    edges.update(data.edges.map(function (e) {
      return visEdge(e, e.from === id || e.to === id ? EDGE_LIT : EDGE_DIM);
    }));
    document.body.setAttribute("data-dimmed", String(data.nodes.length - near.size));
  }

  function clearSelection() {
    selected = null;
    nodes.update(data.nodes.map(function (n) { return visNode(n, false); }));
    edges.update(data.edges.map(function (e) { return visEdge(e, EDGE); }));
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
    highlight(id);
    network.selectNodes([id]);
    if (options && options.focus) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    showDetails(n);
    document.body.setAttribute("data-selected", id);
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); } else if (selected !== null) { clearSelection(); }
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
    return data.paper_titles[pid] || pid;
  }

  function nodeLink(id) {
    var button = el("button", byId.get(id).label, "link");
    button.type = "button";
    button.addEventListener("click", function () { select(id, { focus: true }); });
    return button;
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
      if (!ties) { return; }
      ties.sort(function (a, b) { return b.edge.weight - a.edge.weight || (a.other < b.other ? -1 : 1); });
      var titles = KIND_TITLES[kind];
      parent.append(el("h3", (titles ? titles[n.kind] : kind) + " (" + ties.length + ")"));
      var list = el("ul");
      ties.slice(0, TOP).forEach(function (a) {
        var item = el("li");
        item.append(nodeLink(a.other), " ", el("span", "weight " + fmt(a.edge.weight), "weight"));
        var behind = a.edge.papers.filter(function (p) { return p !== n.id && p !== a.other; });
        if (behind.length) {
          var box = el("details");
          var many = a.edge.n_papers === 1 ? " paper" : " papers";
          box.append(el("summary", a.edge.n_papers + many + " behind this tie"));
          var papers = el("ul");
          behind.forEach(function (pid) { papers.append(el("li", paperTitle(pid))); });
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
      fact(box, "arXiv", n.arxiv_id);
      fact(box, "Listings", n.n_listings);
      fact(box, "Pages", n.pages);
      fact(box, "Dates", n.dates);
      fact(box, "Sources", n.sources);
      if (n.abstract) { box.append(el("h3", "Abstract"), el("p", n.abstract, "abstract")); }
    } else {
      fact(box, "Type", n.types && n.types.length ? n.types : n.type);
      fact(box, "Aliases", n.aliases);
      fact(box, "Papers", n.n_papers);
    }
    fact(box, "Cluster", n.community_label);
    fact(box, "Weighted degree", fmt(n.weighted_degree));
    tiesSection(box, n);
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
  data.groups.forEach(function (group) {
    var count = data.nodes.filter(function (n) { return n.group === group; }).length;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = group;
    box.addEventListener("change", function () { setGroup(group, box.checked); });
    groupBoxes[group] = box;
    var swatch = el("span", null, "swatch");
    swatch.style.backgroundColor = data.colors[group];
    if (group === "paper") { swatch.style.borderRadius = "2px"; }
    label.append(box, swatch, group, " ", el("span", "(" + count + ")", "count"));
    legend.append(label);
  });

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
