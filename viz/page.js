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
    network.fit();
    document.body.dataset.settled = "true";
  });

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
