// The view's behaviour: draw the network, settle the layout then freeze it, filter edges by
// relation and date, list a clicked actor's relations. Every name and sentence is data:
// it reaches the page only through textContent (and vis-network's tooltips, which use
// innerText), never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    // label sizes are measured when drawn: separate them after the first drawing at rest
    network.once("afterDrawing", function () {
      separateLabels();
      network.fit();
      document.body.dataset.settled = "true";
    });
    network.redraw();
  });

  // Physics keeps the nodes apart but not their labels: push apart, along the axis of least
  // overlap, every two actors whose boxes (label included) still overlap, until none does.
  function separateLabels() {
    var items = nodes.getIds().map(function (id) {
      return { id: id, box: network.getBoundingBox(id), pos: network.getPosition(id) };
    });
    for (var pass = 0; pass < 500; pass++) {
      var moved = false;
      for (var i = 0; i < items.length; i++) {
        for (var j = i + 1; j < items.length; j++) {
          moved = pushApart(items[i], items[j]) || moved;
        }
      }
      if (!moved) break;
    }
    items.forEach(function (item) { network.moveNode(item.id, item.pos.x, item.pos.y); });
  }

  function pushApart(a, b) {
    var gap = 4;
    var dx = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) + gap;
    var dy = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) + gap;
    if (dx <= 0 || dy <= 0) return false;
    var alongX = dx < dy;
    var sign = (alongX ? a.pos.x - b.pos.x : a.pos.y - b.pos.y) < 0 ? -1 : 1;
    shift(a, alongX, sign * (alongX ? dx : dy) / 2);
    shift(b, alongX, -sign * (alongX ? dx : dy) / 2);
    return true;
  }

  function shift(item, alongX, by) {
    if (alongX) { item.pos.x += by; item.box.left += by; item.box.right += by; }
    else { item.pos.y += by; item.box.top += by; item.box.bottom += by; }
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function visible(edge, types, from, to) {
    if (!types[edge.rel]) return false;
    if (!from && !to) return true;
    return edge.dates.some(function (d) {
      return (!from || d >= from) && (!to || d <= to);
    });
  }

  function applyFilter() {
    var types = {};
    document.querySelectorAll(".rel-filter").forEach(function (box) { types[box.value] = box.checked; });
    var from = document.getElementById("date-from").value;
    var to = document.getElementById("date-to").value;
    var linked = {};
    edges.update(edges.get().map(function (edge) {
      var show = visible(edge, types, from, to);
      if (show) { linked[edge.from] = true; linked[edge.to] = true; }
      return { id: edge.id, hidden: !show };
    }));
    var filtering = Object.keys(types).some(function (t) { return !types[t]; }) || from || to;
    nodes.update(nodes.get().map(function (node) {
      return { id: node.id, hidden: Boolean(filtering && node.degree > 0 && !linked[node.id]) };
    }));
  }

  function showRelations(nodeId) {
    var panel = document.getElementById("relations");
    panel.replaceChildren();
    var node = nodes.get(nodeId);
    if (!node) return;
    panel.appendChild(el("strong", node.label));
    panel.appendChild(el("div", node.kind));
    var list = el("ul");
    network.getConnectedEdges(nodeId).forEach(function (edgeId) {
      var edge = edges.get(edgeId);
      var outgoing = edge.from === nodeId;
      var other = nodes.get(outgoing ? edge.to : edge.from);
      var item = el("li");
      var phrase = outgoing ? edge.relLabel + " " + other.label : other.label + " " + edge.relLabel + " " + node.label;
      item.appendChild(el("div", phrase + " (" + edge.count + (edge.count === 1 ? " article)" : " articles)")));
      edge.claims.forEach(function (claim) { item.appendChild(el("div", claim, "evidence")); });
      list.appendChild(item);
    });
    panel.appendChild(list.childElementCount ? list : el("div", "No relations drawn."));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showRelations(params.nodes[0]);
  });
  document.querySelectorAll(".rel-filter, .dates input").forEach(function (input) {
    input.addEventListener("change", applyFilter);
  });
  var dates = document.querySelectorAll(".dates input");
  dates.forEach(function (input) {
    if (data.dates.length) { input.min = data.dates[0]; input.max = data.dates[data.dates.length - 1]; }
  });
  window.polgraphView = { network: network, nodes: nodes, edges: edges, showRelations: showRelations, applyFilter: applyFilter };
})();
