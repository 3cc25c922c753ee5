// kgextract viz: draws the actor graph from the JSON in <script id="data">.
// No library and no network: the page must work from a file, offline.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("data").textContent);
  const svg = document.getElementById("graph");
  const panel = document.getElementById("panel");
  const tooltip = document.getElementById("tooltip");
  const names = {};
  const nodeOf = {};
  data.nodes.forEach((n) => { names[n.id] = n.name; nodeOf[n.id] = n; });

  function make(tag, attributes, parent) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (parent) parent.appendChild(element);
    return element;
  }
  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }
  function describe(edge) {
    return names[edge.source] + " " + edge.stance + " " + names[edge.target] + ": " +
      plural(edge.events, "event") + " in " + plural(edge.articles, "article") +
      " (" + edge.event_types.join(", ") + ")";
  }

  // --- drawing ---------------------------------------------------------------
  let view = { x: 0, y: 0, w: data.width, h: data.height };
  function applyView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  applyView();
  const defs = make("defs", {}, svg);
  for (const [stance, colour] of Object.entries(data.stance_colours)) {
    const marker = make("marker", {
      id: "arrow-" + stance, viewBox: "0 0 12 10", refX: 0, refY: 5,
      markerWidth: 12, markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto",
    }, defs);
    make("path", { d: "M0,0 L12,5 L0,10 z", fill: colour }, marker);
  }
  const edgeLayer = make("g", { class: "edges" }, svg);
  const nodeLayer = make("g", { class: "nodes" }, svg);
  // Each edge is drawn, and under it a wide invisible stroke that takes the mouse:
  // a one-event edge is 1.5 units thin, too thin to hit.
  const hitElements = [];
  const edgeElements = data.edges.map((edge) => {
    const hit = make("path", {
      class: "edge-hit", d: edge.d, stroke: "transparent",
      "stroke-width": Math.max(edge.width, 12), fill: "none",
    }, edgeLayer);
    const path = make("path", {
      class: "edge " + edge.stance, d: edge.d, stroke: edge.colour,
      "stroke-width": edge.width, "marker-end": "url(#arrow-" + edge.stance + ")",
      "data-id": edge.id, "data-source": edge.source, "data-target": edge.target,
      "data-stance": edge.stance, "data-events": edge.events,
    }, edgeLayer);
    for (const element of [hit, path]) {
      element.addEventListener("mouseenter", (e) => showTip(e, describe(edge)));
      element.addEventListener("mousemove", moveTip);
      element.addEventListener("mouseleave", hideTip);
      element.addEventListener("click", (e) => { e.stopPropagation(); showEvidence(edge, path); });
    }
    hitElements.push(hit);
    return path;
  });
  const nodeElements = data.nodes.map((node) => {
    const group = make("g", { class: "node", "data-id": node.id, "data-type": node.type }, nodeLayer);
    make("circle", { cx: node.x, cy: node.y, r: node.r, fill: node.colour }, group);
    const label = make("text", { x: node.x, y: node.y + node.r + 14 }, group);
    label.textContent = node.name;
    const tip = node.name + " · " + node.type + " · " + plural(node.mentions, "mention");
    group.addEventListener("mouseenter", (e) => showTip(e, tip));
    group.addEventListener("mousemove", moveTip);
    group.addEventListener("mouseleave", hideTip);
    group.addEventListener("click", (e) => { e.stopPropagation(); showNode(node); });
    return group;
  });

  // --- hover and click -------------------------------------------------------
  function showTip(event, text) { tooltip.textContent = text; tooltip.hidden = false; moveTip(event); }
  function moveTip(event) {
    tooltip.style.left = event.clientX + 14 + "px";
    tooltip.style.top = event.clientY + 12 + "px";
  }
  function hideTip() { tooltip.hidden = true; }

  function clearPanel(title) {
    panel.textContent = "";
    const heading = document.createElement("h2");
    heading.textContent = title;
    panel.appendChild(heading);
  }
  function select(element) {
    edgeElements.forEach((e) => e.classList.remove("selected"));
    if (element) element.classList.add("selected");
  }
  function showEvidence(edge, element) {
    select(element);
    clearPanel(describe(edge));
    if (edge.via.length) addLine("Through " + edge.via.join(", "));
    if (edge.amounts.length) {
      addLine("Amounts: " + edge.amounts.map((a) => a.value.toLocaleString("en") + " " + a.currency).join(", "));
    }
    const list = document.createElement("ol");
    list.className = "evidence";
    edge.evidence.forEach((item) => {
      const entry = document.createElement("li");
      const sentence = document.createElement("span");
      sentence.className = "sentence";
      sentence.textContent = item.sentence || "(no sentence)";
      const article = document.createElement("span");
      article.className = "article";
      article.textContent = [
        item.event_type + (item.hypothetical ? ", hypothetical" : ""),
        item.headline || item.article, item.date, item.source,
      ].filter(Boolean).join(" · ");
      entry.append(sentence, article);
      list.appendChild(entry);
    });
    panel.appendChild(list);
  }
  function addLine(text) {
    const line = document.createElement("p");
    line.textContent = text;
    panel.appendChild(line);
  }
  function showNode(node) {
    select(null);
    clearPanel(node.name + " (" + node.type + ")");
    addLine(plural(node.mentions, "mention") + " in the store. Click an edge for its evidence:");
    const list = document.createElement("ul");
    data.edges.forEach((edge, index) => {
      if (edge.source !== node.id && edge.target !== node.id) return;
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#";
      link.textContent = describe(edge);
      link.addEventListener("click", (e) => { e.preventDefault(); showEvidence(edge, edgeElements[index]); });
      entry.appendChild(link);
      list.appendChild(entry);
    });
    panel.appendChild(list);
  }

  // --- filters and search ----------------------------------------------------
  const controls = {
    supports: document.getElementById("show-supports"),
    opposes: document.getElementById("show-opposes"),
    minimum: document.getElementById("min-events"),
    minimumLabel: document.getElementById("min-events-value"),
    search: document.getElementById("search"),
    types: Array.from(document.querySelectorAll("input[data-type-filter]")),
  };
  controls.minimum.max = Math.max(1, ...data.edges.map((e) => e.events));
  function update() {
    const minimum = Number(controls.minimum.value);
    controls.minimumLabel.textContent = minimum;
    const types = new Set(controls.types.filter((c) => c.checked).map((c) => c.dataset.typeFilter));
    const query = controls.search.value.trim().toLowerCase();
    const matches = new Set(
      query ? data.nodes.filter((n) => n.name.toLowerCase().includes(query)).map((n) => n.id) : []);
    const linked = new Set();
    let edgesShown = 0;
    data.edges.forEach((edge, index) => {
      const shown = controls[edge.stance].checked && edge.events >= minimum &&
        types.has(nodeOf[edge.source].type) && types.has(nodeOf[edge.target].type);
      edgeElements[index].classList.toggle("hidden", !shown);
      hitElements[index].classList.toggle("hidden", !shown);
      edgeElements[index].classList.toggle("dim", shown && query !== "" &&
        !matches.has(edge.source) && !matches.has(edge.target));
      if (shown) { edgesShown += 1; linked.add(edge.source); linked.add(edge.target); }
    });
    let nodesShown = 0;
    data.nodes.forEach((node, index) => {
      const shown = linked.has(node.id);
      nodeElements[index].classList.toggle("hidden", !shown);
      nodeElements[index].classList.toggle("match", matches.has(node.id));
      nodeElements[index].classList.toggle("dim", shown && query !== "" && !matches.has(node.id));
      if (shown) nodesShown += 1;
    });
    document.getElementById("status").textContent =
      plural(nodesShown, "entity").replace("entitys", "entities") + ", " + plural(edgesShown, "edge") +
      (query ? " · " + plural(matches.size, "match").replace("matchs", "matches") : "");
  }
  [controls.supports, controls.opposes, ...controls.types].forEach((c) => c.addEventListener("change", update));
  controls.minimum.addEventListener("input", update);
  controls.search.addEventListener("input", update);
  controls.search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const query = controls.search.value.trim().toLowerCase();
    const found = data.nodes.find((n) => query && n.name.toLowerCase().includes(query));
    if (found) { centre(found); showNode(found); }
  });
  update();

  // --- pan and zoom ----------------------------------------------------------
  function centre(node) {
    view = { x: node.x - data.width / 4, y: node.y - data.height / 4, w: data.width / 2, h: data.height / 2 };
    applyView();
  }
  function point(event) {
    const box = svg.getBoundingClientRect();
    const scale = Math.max(view.w / box.width, view.h / box.height);
    return {
      x: view.x + (event.clientX - box.left) * scale - (box.width * scale - view.w) / 2,
      y: view.y + (event.clientY - box.top) * scale - (box.height * scale - view.h) / 2,
    };
  }
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = point(event);
    const factor = event.deltaY > 0 ? 1.15 : 1 / 1.15;
    view = {
      x: at.x - (at.x - view.x) * factor, y: at.y - (at.y - view.y) * factor,
      w: view.w * factor, h: view.h * factor,
    };
    applyView();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", (event) => {
    drag = { start: point(event), view: { ...view } };
    svg.classList.add("panning");
  });
  window.addEventListener("mousemove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const scale = Math.max(drag.view.w / box.width, drag.view.h / box.height);
    view = { ...drag.view };
    view.x -= (event.clientX - drag.client.x) * scale;
    view.y -= (event.clientY - drag.client.y) * scale;
    applyView();
  });
  svg.addEventListener("mousedown", (event) => { if (drag) drag.client = { x: event.clientX, y: event.clientY }; });
  window.addEventListener("mouseup", () => { drag = null; svg.classList.remove("panning"); });
  document.getElementById("reset").addEventListener("click", () => {
    view = { x: 0, y: 0, w: data.width, h: data.height };
    applyView();
  });
  svg.addEventListener("click", () => select(null));
})();
