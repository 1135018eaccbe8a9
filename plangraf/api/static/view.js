// plangraf network view. All document text is set with textContent: labels are untrusted.
(function () {
  "use strict";
  const embedded = window.PLANGRAF_DATA;
  const $ = (id) => document.getElementById(id);
  let data = null, network = null, nodes = null, edges = null, byId = new Map();

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function filterParams() {
    const p = new URLSearchParams();
    if ($("f-document").value) p.set("document", $("f-document").value);
    if ($("f-focus").value) p.set("focus_area", $("f-focus").value);
    if ($("f-region").value.trim()) p.set("region", $("f-region").value.trim());
    if ($("search").value.trim()) p.set("search", $("search").value.trim());
    document.querySelectorAll("#f-classes input:checked").forEach((c) => p.append("cls", c.value));
    return p;
  }

  async function fetchData() {
    if (embedded) return embedded;
    const r = await fetch("/view/data?" + filterParams().toString());
    if (!r.ok) throw new Error("view data: HTTP " + r.status);
    return r.json();
  }

  function fold(s) { return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function visible(n) {  // client-side filters, used for the offline file
    if (!embedded) return true;
    const p = filterParams();
    if (p.get("document") && !n.docs.includes(p.get("document"))) return false;
    const cls = p.getAll("cls");
    if (cls.length && !n.classes.some((c) => cls.includes(c))) return false;
    if (p.get("search") && !fold(n.full).includes(fold(p.get("search")))) return false;
    return true;
  }

  function fillControls() {
    const docSel = $("f-document"), focusSel = $("f-focus");
    if (docSel.options.length === 1) {
      data.documents.forEach((d) => { const o = el("option", d); o.value = d; docSel.appendChild(o); });
      data.focus_areas.forEach((d) => { const o = el("option", d); o.value = d; focusSel.appendChild(o); });
      const box = $("f-classes");
      data.classes.forEach((c) => {
        const l = el("label"); const i = document.createElement("input");
        i.type = "checkbox"; i.value = c; l.appendChild(i); l.appendChild(document.createTextNode(" " + c));
        box.appendChild(l);
      });
      const legend = $("legend");
      Object.entries(data.style).forEach(([c, s]) => {
        const row = el("div"); const sw = el("span", "", "sw"); sw.style.background = s.color;
        row.appendChild(sw); row.appendChild(document.createTextNode(c)); legend.appendChild(row);
      });
    }
  }

  function draw() {
    byId = new Map(data.nodes.map((n) => [n.id, n]));
    const shown = data.nodes.filter(visible);
    const ids = new Set(shown.map((n) => n.id));
    nodes = new vis.DataSet(shown.map((n) => ({
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, group: n.docs[0],
      color: { background: n.color, border: n.flags.length ? "#ff0000" : n.color },
      borderWidth: n.flags.length ? 4 : 1, font: { size: 12 },
    })));
    edges = new vis.DataSet(data.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e, i) => ({
      id: i, from: e.from, to: e.to, label: e.label, arrows: "to", font: { size: 9, color: "#777" },
      color: { color: "#bbb" },
    })));
    const options = { physics: false, interaction: { hover: true, multiselect: false },
                      nodes: { widthConstraint: { maximum: 180 } }, edges: { smooth: false } };
    if (network) network.destroy();
    network = new vis.Network($("network"), { nodes, edges }, options);
    network.on("click", (ev) => { if (ev.nodes.length) showNode(ev.nodes[0]); });
    network.once("afterDrawing", () => { document.body.dataset.drawn = "1"; });
    $("count").textContent = shown.length + " noder";
    $("count-note").textContent = data.truncated ? "(urval: de mest länkade av " + data.total_nodes + ")" : "";
    document.body.dataset.nodes = String(shown.length);
    window.plangrafView = { network, nodes, edges, data };
  }

  function linksOf(id) {
    return data.edges.filter((e) => e.from === id || e.to === id);
  }

  function showNode(id) {
    const n = byId.get(id), panel = $("panel");
    panel.replaceChildren();
    if (!n) return;
    panel.appendChild(el("h2", n.full));
    panel.appendChild(el("div", n.classes.join(", ") + " · " + n.docs.join(", "), "muted"));
    n.flags.forEach((f) => panel.appendChild(el("div", "Granskning: " + f, "flag")));
    if (n.source) {
      panel.appendChild(el("h2", "Källa"));
      panel.appendChild(el("div", n.source.doc + ", rad " + n.source.start +
        (n.source.end !== n.source.start ? "–" + n.source.end : ""), "muted source-where"));
      panel.appendChild(el("blockquote", n.source.quote, "quote"));
    }
    if (n.cls === "Goal" || n.cls === "LongTermGoal" || n.cls === "ShortTermGoal" || n.cls === "Malbild") {
      const b = el("button", "Visa kedjan"); b.id = "chain"; b.onclick = () => showChain(id); panel.appendChild(b);
    }
    const ul = el("ul");
    linksOf(id).forEach((e) => {
      const other = byId.get(e.from === id ? e.to : e.from);
      const li = el("li", (e.from === id ? "→ " : "← ") + e.label + ": " + (other ? other.full : ""));
      li.style.cursor = "pointer"; li.onclick = () => { if (other) { network.selectNodes([other.id]); showNode(other.id); } };
      ul.appendChild(li);
    });
    panel.appendChild(el("h2", "Länkar"));
    panel.appendChild(ul);
    if (!embedded) {
      const a = el("a", "Allt om noden (JSON)"); a.href = "/entities/" + encodeURIComponent(n.short).replace(/%2F/g, "/");
      panel.appendChild(a);
    }
  }

  // goal/målbild -> activities -> indicators -> data sources, plus responsible bodies
  function chain(id) {
    const out = new Set([id]);
    const into = (target, p) => data.edges.filter((e) => e.to === target && e.label === p).map((e) => e.from);
    const from = (source, p) => data.edges.filter((e) => e.from === source && e.label === p).map((e) => e.to);
    let goals = [id];
    if (byId.get(id) && byId.get(id).cls === "Malbild") goals = goals.concat(into(id, "contributesTo"));
    goals.forEach((g) => out.add(g));
    const acts = goals.flatMap((g) => into(g, "servesGoal"));
    const steps = acts.flatMap((a) => into(a, "partOf"));
    acts.concat(steps).forEach((a) => out.add(a));
    const inds = goals.concat(acts).flatMap((x) => from(x, "measuredBy"));
    inds.forEach((i) => out.add(i));
    inds.flatMap((i) => from(i, "dataSource")).forEach((s) => out.add(s));
    goals.concat(acts).flatMap((x) => into(x, "responsibleFor")).forEach((b) => out.add(b));
    return out;
  }

  function showChain(id) {
    const keep = chain(id);
    nodes.update(nodes.get().map((n) => {
      const d = byId.get(n.id);
      return { id: n.id, opacity: keep.has(n.id) ? 1 : 0.15,
               color: { background: keep.has(n.id) ? d.color : "#dddddd", border: keep.has(n.id) ? "#000" : "#dddddd" } };
    }));
    document.body.dataset.chain = String(keep.size);
    network.fit({ nodes: Array.from(keep).filter((k) => nodes.get(k)), animation: false });
  }

  async function refresh() {
    try {
      data = await fetchData();
    } catch (err) {
      $("panel").replaceChildren(el("p", String(err), "flag"));
      return;
    }
    fillControls();
    draw();
  }

  $("apply").onclick = refresh;
  $("search").addEventListener("keydown", (e) => { if (e.key === "Enter") refresh(); });
  $("reset").onclick = () => {
    ["f-document", "f-focus"].forEach((k) => { $(k).value = ""; });
    $("f-region").value = ""; $("search").value = "";
    document.querySelectorAll("#f-classes input").forEach((c) => { c.checked = false; });
    refresh();
  };
  $("cluster").onclick = () => {
    (data.documents || []).forEach((d) => network.cluster({
      joinCondition: (o) => o.group === d, clusterNodeProperties: { label: d, shape: "box", color: "#cccccc" },
    }));
  };
  refresh();
})();
