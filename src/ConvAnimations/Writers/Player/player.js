"use strict";
// The player of one figure: the <figure> just before this script. No request, no global; everything it needs is in
// the figure: the SVG (groups of class "v vK" show on some frames), the controls, and the data (JSON) of the cells
// that computed which.
(() => {
  const root = document.currentScript.previousElementSibling;
  const $ = s => root.querySelector(s);
  const svg = $("svg"), data = JSON.parse($("script").textContent);
  const n = data.n, play = $(".play"), pos = $(".pos"), num = $(".num"), rate = $(".rate"), info = $(".info");
  const svgNs = "http://www.w3.org/2000/svg";
  // Each switched group: [element, first frame, frame count].
  const groups = [...svg.querySelectorAll(".v")].map(g => {
    const k = +g.getAttribute("class").match(/\bv(\d+)/)[1];
    return k < n ? [g, k, 1] : [g, ...data.s[k - n]];
  });
  let frame = 0, playing = false, timer = 0, seen = true, linked = null, pinned = false;

  function show(f) {
    frame = (f % n + n) % n;
    for (const [g, first, count] of groups) g.classList.toggle("on", frame >= first && frame < first + count);
    pos.value = frame;
    num.textContent = `${frame + 1} / ${n}`;
  }
  function tick() {
    clearTimeout(timer);
    if (playing) timer = setTimeout(() => { if (seen && !linked) show(frame + 1); tick(); }, data.ms / rate.value);
  }
  function setPlaying(on) {
    playing = on && n > 1;
    play.textContent = playing ? "\u275A\u275A" : "\u25B6";
    play.setAttribute("aria-label", playing ? "Pause" : "Play");
    tick();
  }
  function step(f) {
    setPlaying(false);
    pinned = false;
    link(null);
    show(f);
    info.textContent = `Frame ${frame + 1} of ${n}`;
  }

  $(".prev").onclick = () => step(frame - 1);
  $(".next").onclick = () => step(frame + 1);
  play.onclick = () => setPlaying(!playing);
  pos.oninput = () => step(+pos.value);
  rate.onchange = tick;
  root.addEventListener("keydown", e => {
    const t = e.target.tagName;
    if (t === "INPUT" || t === "SELECT" || (t === "BUTTON" && e.key === " ")) return;
    const keys = { ArrowLeft: () => step(frame - 1), ArrowRight: () => step(frame + 1), Home: () => step(0), End: () => step(n - 1),
      " ": () => setPlaying(!playing), Escape: () => { pinned = false; link(null); } };
    if (!keys[e.key]) return;
    keys[e.key]();
    e.preventDefault();
  });
  if (window.IntersectionObserver) new IntersectionObserver(e => { seen = e[e.length - 1].isIntersecting; }).observe(root);

  // ---- Linked cells: the planes' placement on the canvas, and each computation's cells ----
  // A plane: [plane, a, b, c, d, e, f, rows, cols, first frame, frame count, name]; a point (col, row) of it is at
  // (a col + c row + e, b col + d row + f). A link: [outputs, inputs, windows, first frame, frame count] with cells as
  // flat [plane, row, col, ...] and windows as [plane, row, col, rows, cols, ...].
  const planes = new Map(data.p.map(p => [p[0], p]));
  const cells = flat => Array.from({ length: flat.length / 3 }, (_, i) => flat.slice(3 * i, 3 * i + 3));
  const links = data.l.map(([o, i, w, first, count]) => ({ o: cells(o), i: cells(i), w, first, count }));
  const reading = new Map(), read = new Map();
  const key = c => c.join(" ");
  const add = (map, c, l) => map.set(key(c), [...(map.get(key(c)) || []), l]);
  for (const l of links) {
    l.o.forEach(c => add(reading, c, l));
    l.i.forEach(c => add(read, c, l));
  }
  const layer = svg.appendChild(document.createElementNS(svgNs, "g"));
  const on = (p, f) => f >= p[9] && f < p[9] + p[10];

  // The planes to look for a cell in: those of the computation on show first (a map brought to the front), then
  // front to back.
  let orderFrame = -1, order = [];
  function planesAt(f) {
    if (f !== orderFrame) {
      const current = links.filter(l => f >= l.first && f < l.first + l.count).flatMap(l => [...l.o, ...l.i].map(c => c[0]));
      order = [...new Set([...current, ...[...planes.keys()].reverse()])];
      orderFrame = f;
    }
    return order;
  }
  // The cell under a pointer, as [plane, row, col], or null.
  function at(e) {
    const r = svg.getBoundingClientRect(), box = svg.viewBox.baseVal;
    const x = (e.clientX - r.left) * box.width / r.width, y = (e.clientY - r.top) * box.height / r.height;
    for (const id of planesAt(frame)) {
      const p = planes.get(id);
      if (!on(p, frame)) continue;
      const [, a, b, c, d, ex, ey, rows, cols] = p, det = a * d - b * c;
      const u = (d * (x - ex) - c * (y - ey)) / det, v = (a * (y - ey) - b * (x - ex)) / det;
      if (u >= 0 && v >= 0 && u < cols && v < rows) return [id, Math.floor(v), Math.floor(u)];
    }
    return null;
  }
  function corner(p, col, row) {
    return `${(p[1] * col + p[3] * row + p[5]).toFixed(1)} ${(p[2] * col + p[4] * row + p[6]).toFixed(1)}`;
  }
  function shape(cls, [id, row, col], rows = 1, cols = 1) {
    const p = planes.get(id), path = layer.appendChild(document.createElementNS(svgNs, "path"));
    path.setAttribute("class", cls);
    path.setAttribute("d", `M${corner(p, col, row)}L${corner(p, col + cols, row)}L${corner(p, col + cols, row + rows)}L${corner(p, col, row + rows)}Z`);
    if (rows === 1 && cols === 1) path.dataset.cell = `${p[11]} ${row} ${col}`;
  }
  const name = ([id, row, col]) => `${planes.get(id)[11]} (${row}, ${col})`;
  // Cells by map: "input 1 (1, 1), (1, 2); x (4, 0)", or how many of a map when they are many.
  function list(cs) {
    const maps = new Map();
    for (const [id, row, col] of cs) maps.set(id, [...(maps.get(id) || []), `(${row}, ${col})`]);
    return [...maps].map(([id, at]) => at.length > 12 ? `${at.length} cells of ${planes.get(id)[11]}` : `${planes.get(id)[11]} ${at.join(", ")}`).join("; ");
  }
  // Shows what computed a cell (an output) or what it is read by (an input), on the frame of the first computation
  // it takes part in (with the maps that frame brings to the front); null goes back to the frame shown before.
  let before = 0;
  function link(cell) {
    const k = cell && key(cell);
    if (k === (linked && linked.key)) return;
    layer.replaceChildren();
    const gives = k && reading.get(k), feeds = k && read.get(k);
    if (!linked) before = frame;
    linked = gives || feeds ? { key: k } : null;
    // A figure that plays some frames only (play:) may show none of a cell's computations: the frame stays.
    const shown = linked && (gives || feeds).find(l => l.count > 0);
    show(shown ? shown.first : linked ? frame : before);
    if (!linked) {
      info.textContent = "";
      return;
    }
    const unique = cs => [...new Map(cs.map(c => [key(c), c])).values()].filter(c => key(c) !== k);
    const lit = unique(gives ? gives.flatMap(l => [...l.i, ...l.o]) : feeds.flatMap(l => l.o));
    lit.forEach(c => shape("lit", c));
    if (gives) gives.forEach(l => { for (let j = 0; j < l.w.length; j += 5) shape("window", l.w.slice(j, j + 3), l.w[j + 3], l.w[j + 4]); });
    shape("hover", cell);
    info.textContent = gives
      ? `${name(cell)} is computed from ${list(unique(gives.flatMap(l => l.i)))}`
      : `${name(cell)} is read by ${list(lit)}`;
    info.title = info.textContent;
  }
  svg.addEventListener("pointermove", e => { if (!pinned) link(at(e)); });
  svg.addEventListener("pointerleave", () => { if (!pinned) link(null); });
  // A click or a tap keeps a link shown (a tap is all a touch screen has); again on the same cell lets it go.
  svg.addEventListener("click", e => {
    const c = at(e), same = pinned && linked && c && linked.key === key(c);
    link(same ? null : c);
    pinned = !same && !!linked;
  });

  show(0);
  setPlaying(!matchMedia("(prefers-reduced-motion: reduce)").matches);
})();
