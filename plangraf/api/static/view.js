// plangraf network view: an overview of the plans, and one plan's logic chain. All document text
// is set with textContent (labels are untrusted). vis-network sizes each node with its wrapped
// label; stack() then places the columns from those sizes, so no two labels overlap, and the
// canvas grows to the drawing so the first fit draws every label at its font size (the page scrolls).
(function () {
  "use strict";
  const embedded = window.PLANGRAF_DATA;  // the offline file: {overview, plans: {id: data}}
  const $ = (id) => document.getElementById(id);
  const FONT = 14, WRAP = 190, GAP_Y = 14, GAP_X = 70, MARGIN = 40, HEAD = 34, MIN_SCALE = 0.8;
  // shapes that draw the label inside them; all but "text" are filled, with white letters
  const INSIDE = new Set(["box", "database", "ellipse", "circle", "text"]);
  const DARK = new Set(["box", "database", "ellipse", "circle"]);
  const ROUND = new Set(["circle", "database"]), ROUND_WRAP = 96;
  const LINK = { servesGoal: "tjänar målet", hasGoal: "har målet", measuredBy: "mäts med", dataSource: "datakälla",
    partOf: "del av", hasPart: "har del", responsibleFor: "ansvarar för", hasResponsible: "ansvarig",
    targetGroup: "målgrupp", contributesTo: "bidrar till", hasFocusArea: "fokusområde", hasMalbild: "målbild",
    assumes: "antar", budget: "budget", requires: "kräver", followsUpIn: "följs upp i" };
  let data = null, network = null, nodes = null, byId = new Map(), t0 = 0;
  const state = { plan: "", chain: "", node: "", hide: new Set(), q: "" };

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // -- the state lives in the URL -------------------------------------------------------------
  function readURL() {
    const p = new URLSearchParams(location.search);
    state.plan = p.get("plan") || ""; state.chain = p.get("chain") || ""; state.node = p.get("node") || "";
    state.q = p.get("q") || ""; state.hide = new Set((p.get("hide") || "").split(",").filter(Boolean));
    if (embedded && embedded.start && !state.plan) state.plan = embedded.start;
  }
  function writeURL(push) {
    const p = new URLSearchParams();
    if (state.plan) p.set("plan", state.plan);
    if (state.chain) p.set("chain", state.chain);
    if (state.node) p.set("node", state.node);
    if (state.q) p.set("q", state.q);
    if (state.hide.size) p.set("hide", Array.from(state.hide).join(","));
    const url = location.pathname + (p.toString() ? "?" + p.toString() : "");
    if (embedded) return;  // a file: URL keeps no query
    (push ? history.pushState : history.replaceState).call(history, null, "", url);
  }

  async function fetchLevel() {
    if (embedded) {
      if (!state.plan) return embedded.overview;
      const key = Object.keys(embedded.plans).find((k) => k === state.plan || k.startsWith(state.plan));
      if (!key) throw new Error("ingen plan " + state.plan);
      return embedded.plans[key];
    }
    const r = await fetch(state.plan ? "/view/plan?plan=" + encodeURIComponent(state.plan) : "/view/overview");
    if (!r.ok) throw new Error((await r.text()) || "HTTP " + r.status);
    return r.json();
  }

  // -- the chain of one goal, målbild or activity -----------------------------------------------
  function chainOf(id) {
    const E = data.edges, keep = new Set([id]);
    const into = (t, ps) => E.filter((e) => e.to === t && ps.includes(e.title)).map((e) => e.from);
    const from = (s, ps) => E.filter((e) => e.from === s && ps.includes(e.title)).map((e) => e.to);
    const n = byId.get(id);
    let goals = [], acts = [];
    if (n.kind === "Activity" || n.kind === "Intervention") {
      acts = [id].concat(into(id, ["partOf"]));
      goals = from(id, ["servesGoal"]).concat(into(id, ["hasGoal"]));
    } else {
      goals = [id].concat(into(id, ["contributesTo", "partOf"]));
      acts = goals.flatMap((g) => into(g, ["servesGoal"]).concat(from(g, ["hasGoal"])));
      acts = acts.concat(acts.flatMap((a) => into(a, ["partOf"])));
    }
    goals.forEach((g) => { keep.add(g); from(g, ["contributesTo"]).forEach((m) => keep.add(m)); });
    acts.forEach((a) => keep.add(a));
    const measured = goals.concat(acts).flatMap((x) => from(x, ["measuredBy"]));
    measured.forEach((i) => { keep.add(i); from(i, ["dataSource"]).forEach((s) => keep.add(s)); });
    goals.concat(acts).forEach((x) => {
      into(x, ["responsibleFor"]).concat(from(x, ["hasResponsible", "targetGroup"])).forEach((b) => keep.add(b));
    });
    return keep;
  }

  // -- drawing ----------------------------------------------------------------------------------
  function shownNodes() {
    let list = data.nodes.filter((n) => !state.hide.has(n.kind));
    if (state.chain && byId.has(state.chain)) {
      const keep = chainOf(state.chain);
      list = list.filter((n) => keep.has(n.id));
    }
    return list;
  }

  function draw() {
    t0 = performance.now();
    document.body.dataset.drawn = "0";
    byId = new Map(data.nodes.map((n) => [n.id, n]));
    const shown = shownNodes(), ids = new Set(shown.map((n) => n.id));
    const q = state.q ? fold(state.q) : "";
    nodes = new vis.DataSet(shown.map((n) => {
      const hit = q && fold(n.full).includes(q);
      return {
        id: n.id, label: n.kind === "Plan" && n.facts !== undefined ? planLabel(n) : n.label,
        title: n.tooltip || n.full, shape: n.shape, x: n.col * 300, y: n.order * 60, size: 11,
        color: { background: n.color, border: hit ? "#000" : (n.flags && n.flags.length ? "#d00" : n.color),
                 highlight: { background: n.color, border: "#000" } },
        borderWidth: hit ? 4 : (n.flags && n.flags.length ? 3 : 1),
        font: { size: FONT, color: DARK.has(n.shape) ? "#fff" : n.shape === "text" ? n.color : "#222", face: "system-ui, sans-serif",
                multi: false },
        // a circle and a database are as tall as they are wide: their labels wrap narrower
        widthConstraint: ROUND.has(n.shape) ? { maximum: ROUND_WRAP }
          : DARK.has(n.shape) ? { minimum: 120, maximum: WRAP + 40 } : { maximum: WRAP },
        margin: DARK.has(n.shape) ? 8 : undefined,
      };
    }));
    const edges = new vis.DataSet(data.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e, i) => ({
      id: i, from: e.from, to: e.to, title: LINK[e.title] || e.title, arrows: { to: { enabled: true, scaleFactor: 0.4 } },
      color: { color: "#c4c4c4", highlight: "#333" }, width: 1,
    })));
    const options = {
      physics: false, layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 150, dragNodes: false, zoomView: false, navigationButtons: false },
      edges: { smooth: false }, nodes: { fixed: true },
    };
    if (network) network.destroy();
    network = new vis.Network($("network"), { nodes, edges }, options);
    network.on("beforeDrawing", paper);
    network.on("afterDrawing", headings);
    network.on("click", onClick);
    stack();  // sizes every node itself: no need to wait for a first drawing
    $("count").textContent = String(shown.length);
    document.body.dataset.nodes = String(shown.length);
    document.body.dataset.level = state.chain ? "chain" : data.level;
    document.body.dataset.chain = state.chain ? String(shown.length) : "";
    window.plangrafView = { network, nodes, edges, data, state };
  }

  function planLabel(n) {
    return [n.label, n.facts, n.counts].filter(Boolean).join("\n");
  }

  let columnTops = [];
  function stack() {  // place each column from the sizes vis-network measured
    const cols = new Map();
    nodes.getIds().forEach((id) => {
      const n = byId.get(id); if (!cols.has(n.col)) cols.set(n.col, []); cols.get(n.col).push(n);
    });
    const order = Array.from(cols.keys()).sort((a, b) => a - b);
    // size and place every label, on screen or not: vis-network lays a label out when it draws
    // the node, and only draws what is on screen (the frame after this one paints over it)
    const ctx = network.canvas.getContext();
    nodes.getIds().forEach((id) => {
      const drawn = network.body.nodes[id].draw(ctx);  // shapes with the label outside return its drawer
      if (drawn.drawExternalLabel) drawn.drawExternalLabel();
    });
    const updates = [];
    let x = MARGIN, bottom = 0;
    columnTops = [];
    order.forEach((c) => {
      const list = cols.get(c).sort((a, b) => a.order - b.order);
      const boxes = list.map((n) => {
        // the node's box and its label's (vis-network's box can stop short of a wrapped label)
        const p = network.getPositions([n.id])[n.id], b = network.getBoundingBox(n.id);
        const L = INSIDE.has(n.shape) ? { top: b.top, left: b.left, width: 0, height: 0 }  // drawn inside
          : network.body.nodes[n.id].labelModule.size;
        const top = Math.min(b.top, L.top), bot = Math.max(b.bottom, L.top + L.height);
        const lft = Math.min(b.left, L.left), rgt = Math.max(b.right, L.left + L.width);
        return { n, left: p.x - lft, right: rgt - p.x, up: p.y - top, down: bot - p.y };
      });
      const left = Math.max(...boxes.map((b) => b.left)), right = Math.max(...boxes.map((b) => b.right));
      const cx = x + left;
      let y = MARGIN + HEAD;
      boxes.forEach((b) => { updates.push({ id: b.n.id, x: cx, y: y + b.up }); y += b.up + b.down + GAP_Y; });
      columnTops.push({ x: x, name: (data.columns || [])[c] || "" });
      x = cx + right + (data.level === "overview" ? GAP_X / 2 : GAP_X);
      bottom = Math.max(bottom, y);
    });
    // straight onto vis-network's nodes: a DataSet update would rebuild each node's options
    updates.forEach((u) => { const bn = network.body.nodes[u.id]; bn.x = u.x; bn.y = u.y; });
    content = { w: x - GAP_X + MARGIN, h: bottom + MARGIN };
    // fit the width, never below a readable scale (11 px for the 14 px font); the wheel pans
    const main = $("main"), room = main.clientWidth - (state.chain ? 350 : 0);  // the panel opens on the right
    const s = Math.max(MIN_SCALE, Math.min(1, room / content.w));
    home(s);
    network.once("afterDrawing", () => {
      document.body.dataset.drawMs = String(Math.round(performance.now() - t0));
      document.body.dataset.drawn = "1";
      if (state.node && byId.has(state.node) && state.chain) { network.selectNodes([state.node]); showPanel(state.node); }
      else if (state.node && byId.has(state.node)) select(state.node, false);
      else if (state.q) scrollToFirstHit();
    });
  }

  let content = { w: 0, h: 0 };
  function home(s) {  // the top left of the drawing in the top left of the view, at scale s
    const main = $("main");
    network.moveTo({ position: { x: main.clientWidth / 2 / s, y: main.clientHeight / 2 / s }, scale: s,
                     animation: false });
  }

  function pan(ev) {  // the wheel scrolls the drawing (ctrl + wheel zooms, not below readable)
    if (!network) return;
    ev.preventDefault();
    const s = network.getScale(), at = network.getViewPosition();
    if (ev.ctrlKey) {
      network.moveTo({ scale: Math.max(0.1, Math.min(2, s * (ev.deltaY < 0 ? 1.1 : 1 / 1.1))), animation: false });
      return;
    }
    const main = $("main"), halfW = main.clientWidth / 2 / s, halfH = main.clientHeight / 2 / s;
    const dx = ev.shiftKey ? ev.deltaY : ev.deltaX, dy = ev.shiftKey ? 0 : ev.deltaY;
    const x = Math.min(Math.max(at.x + dx / s, halfW), Math.max(halfW, content.w - halfW));
    const y = Math.min(Math.max(at.y + dy / s, halfH), Math.max(halfH, content.h - halfH));
    network.moveTo({ position: { x, y }, scale: s, animation: false });
  }

  function paper(ctx) {  // a white background, so the PNG is not transparent
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  }

  function headings(ctx) {  // column names above the columns
    if (!columnTops.length) return;
    const s = network.getScale(), tl = network.DOMtoCanvas({ x: 0, y: 0 });
    ctx.save(); ctx.fillStyle = "#555"; ctx.font = "600 " + (14 / s) + "px system-ui, sans-serif";
    columnTops.forEach((c) => ctx.fillText(c.name, c.x, Math.max(tl.y + 18 / s, MARGIN + 14)));
    ctx.restore();
  }

  // -- interaction ------------------------------------------------------------------------------
  function onClick(ev) {
    if (!ev.nodes.length) { $("panel").hidden = true; state.node = ""; writeURL(false); return; }
    const n = byId.get(ev.nodes[0]);
    if (n.kind === "Plan" || n.kind === "More") { openPlan(n.plan); return; }
    if (data.level === "overview" && n.kind === "FocusArea" && n.plan) { openPlan(n.plan, n.id); return; }
    select(n.id, true);
  }

  function openPlan(plan, node) {
    state.plan = plan || ""; state.chain = ""; state.node = node || ""; writeURL(true); load();
  }

  function select(id, remember) {
    network.selectNodes([id]);
    showPanel(id);
    if (remember) { state.node = id; writeURL(false); } else { scrollTo(id); }
  }

  function scrollTo(id) {
    network.moveTo({ position: network.getPositions([id])[id], scale: network.getScale(), animation: false });
  }

  function showPanel(id) {
    const n = byId.get(id), panel = $("panel");
    panel.replaceChildren();
    panel.hidden = false;
    const close = el("button", "Stäng", "close"); close.onclick = () => { panel.hidden = true; }; panel.appendChild(close);
    panel.appendChild(el("h2", n.full));
    panel.appendChild(el("div", (n.name || n.kind) + (data.plan ? " · " + data.plan.title : ""), "muted kind"));
    (n.flags || []).forEach((f) => panel.appendChild(el("div", "Granskning: " + f, "flag")));
    if (n.source) {
      panel.appendChild(el("h2", "Källa"));
      panel.appendChild(el("div", n.source.doc + ", rad " + n.source.start +
        (n.source.end !== n.source.start ? "–" + n.source.end : ""), "muted source-where"));
      panel.appendChild(el("blockquote", n.source.quote, "quote"));
    }
    if (["Goal", "LongTermGoal", "ShortTermGoal", "Malbild", "Activity", "Intervention"].includes(n.kind)) {
      const b = el("button", "Visa kedjan"); b.id = "chain";
      b.onclick = () => { state.chain = id; state.node = id; writeURL(true); fillControls(); draw(); };
      panel.appendChild(b);
    }
    const ul = el("ul");
    data.edges.filter((e) => e.from === id || e.to === id).forEach((e) => {
      const other = byId.get(e.from === id ? e.to : e.from);
      if (!other) return;
      const li = el("li", (e.from === id ? "→ " : "← ") + (LINK[e.title] || e.title) + ": " + other.full);
      li.style.cursor = "pointer";
      li.onclick = () => { if (nodes.get(other.id)) select(other.id, true); else showPanel(other.id); };
      ul.appendChild(li);
    });
    panel.appendChild(el("h2", "Länkar"));
    panel.appendChild(ul);
    if (!embedded && n.id.startsWith("https://w3id.org/plangraf/id/")) {
      const a = el("a", "Allt om noden (JSON)");
      a.href = "/entities/" + n.id.slice("https://w3id.org/plangraf/id/".length);
      panel.appendChild(a);
    }
  }

  function fold(s) { return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function scrollToFirstHit() {
    const q = fold(state.q), hits = nodes.getIds().filter((id) => fold(byId.get(id).full).includes(q));
    $("hits").textContent = q ? hits.length + " träffar" : "";
    if (hits.length) { network.selectNodes(hits); scrollTo(hits[0]); }
  }

  function fillControls() {
    const menu = $("plan-menu");
    menu.replaceChildren(el("option", "Översikt: alla planer"));
    menu.options[0].value = "";
    (data.plans || []).forEach((p) => { const o = el("option", p.title); o.value = p.id; menu.appendChild(o); });
    menu.value = data.plan ? data.plan.id : "";
    $("where").textContent = state.chain ? "Kedjan för: " + (byId.get(state.chain) || { full: "" }).full
      : data.plan ? data.plan.title : "Översikt: " + (data.plans || []).length + " planer";
    $("whole-plan").hidden = !state.chain;
    const kinds = $("kinds");
    kinds.replaceChildren();
    data.legend.forEach((k) => {
      const row = el("div"), box = document.createElement("input");
      box.type = "checkbox"; box.value = k.kind; box.checked = !state.hide.has(k.kind);
      box.setAttribute("aria-label", k.name);
      box.onchange = () => { if (box.checked) state.hide.delete(k.kind); else state.hide.add(k.kind); writeURL(false); draw(); };
      row.appendChild(box); row.appendChild(swatch(k)); row.appendChild(el("span", k.name));
      kinds.appendChild(row);
    });
    $("search").value = state.q;
  }

  function swatch(k) {  // the kind's shape and colour, as the network draws it
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    const shapes = { dot: "M8 4a4 4 0 1 0 0.01 0Z", diamond: "M8 1 15 8 8 15 1 8Z", star: "M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5Z",
      triangle: "M8 2 15 14 1 14Z", triangleDown: "M1 2 15 2 8 14Z", square: "M2 2h12v12H2Z",
      hexagon: "M4 2h8l4 6-4 6H4L0 8Z", box: "M1 4h14v8H1Z", database: "M2 4c0-3 12-3 12 0v8c0 3-12 3-12 0Z",
      ellipse: "M1 8a7 4.5 0 1 0 14 0a7 4.5 0 1 0-14 0Z", circle: "M8 1a7 7 0 1 0 0.01 0Z" };
    if (k.shape === "text") {  // a plain label: drawn as letters in its colour
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", "1"); t.setAttribute("y", "13"); t.setAttribute("font-size", "13"); t.setAttribute("fill", k.color);
      t.textContent = "Aa"; svg.appendChild(t);
      return svg;
    }
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", shapes[k.shape] || shapes.dot); path.setAttribute("fill", k.color); path.setAttribute("stroke", "#444");
    svg.appendChild(path);
    return svg;
  }

  async function load() {
    try {
      data = await fetchLevel();
    } catch (err) {
      $("panel").hidden = false; $("panel").replaceChildren(el("p", String(err.message || err), "flag"));
      return;
    }
    data.nodes.forEach((n) => { const k = data.legend.find((l) => l.kind === n.kind); n.name = k ? k.name : n.kind; });
    byId = new Map(data.nodes.map((n) => [n.id, n]));
    fillControls();
    $("panel").hidden = true;
    draw();
  }

  $("plan-menu").onchange = () => openPlan($("plan-menu").value);
  $("overview").onclick = () => openPlan("");
  $("whole-plan").onclick = () => { state.chain = ""; writeURL(true); fillControls(); draw(); };
  $("search").addEventListener("keydown", (e) => {
    if (e.key === "Enter") { state.q = $("search").value.trim(); writeURL(false); draw(); }
  });
  $("png").onclick = () => {
    const canvas = $("network").querySelector("canvas"), a = document.createElement("a");
    a.href = canvas.toDataURL("image/png");
    a.download = "plangraf-" + (state.chain ? "kedja" : state.plan || "oversikt") + ".png";
    document.body.appendChild(a); a.click(); a.remove();
  };
  window.addEventListener("popstate", () => { readURL(); load(); });
  $("network").addEventListener("wheel", pan, { passive: false });
  readURL();
  load();
})();
