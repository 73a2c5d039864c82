// customer360 in the browser: draws the LookML dashboards' tiles from /api/dashboards/.../tiles/...,
// switches tabs, suggests filter values, searches customers and acts on recommendations.
// Charts use the Plotly bundle shipped inside the plotly Python package; nothing is fetched from the internet.
"use strict";

const FORMATS = {
  usd: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }),
  usd_0: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }),
  decimal_0: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
  decimal_1: new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  decimal_2: new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  percent_0: new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 }),
  percent_1: new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  number: new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }),
};
const PALETTES = {
  red_to_green: [[214, 69, 69], [255, 255, 255], [62, 189, 147]],
  green_to_red: [[62, 189, 147], [255, 255, 255], [214, 69, 69]],
  white_to_green: [[255, 255, 255], [255, 255, 255], [62, 189, 147]],
};

function format(value, name) {
  if (value === null || value === undefined || value === "") return "∅";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return (FORMATS[name] || FORMATS.number).format(value);
  return String(value);
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function cell(column, value) {
  const td = element("td", typeof value === "number" ? { class: "num" } : {});
  const link = column.links && column.links[0];
  if (link && value !== null && value !== undefined) {
    const a = element("a", { href: link.url.replace("{value}", encodeURIComponent(value)), title: link.label }, format(value, column.format));
    td.appendChild(a);
  } else {
    td.textContent = format(value, column.format);
  }
  return td;
}

function scale(spec, columns, rows) {
  // Looker's conditional formatting "along a scale": each listed field coloured from its min to its max.
  const rules = (spec.conditional_formatting || []).filter((r) => r.type === "along a scale...");
  const out = {};
  for (const rule of rules) {
    const palette = PALETTES[(rule.color_application || {}).palette_id] || PALETTES.white_to_green;
    for (const field of rule.fields || []) out[field] = palette;
  }
  return (field, value, values) => {
    const palette = out[field];
    if (!palette || typeof value !== "number" || !values.length) return null;
    const low = Math.min(...values), high = Math.max(...values);
    const t = high === low ? 1 : (value - low) / (high - low);
    const [a, b] = t < 0.5 ? [palette[0], palette[1]] : [palette[1], palette[2]];
    const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    const rgb = a.map((x, i) => Math.round(x + (b[i] - x) * u));
    return `rgb(${rgb.join(",")})`;
  };
}

function pivoted(data) {
  // Rows keyed by the non-pivot dimensions, one column per pivot value (of the first measure).
  const cols = data.columns;
  const pivotIndex = cols.findIndex((c) => data.pivots.includes(c.field));
  const measureIndex = cols.findIndex((c) => c.kind === "measure");
  const keyIndexes = cols.map((c, i) => i).filter((i) => i !== pivotIndex && i !== measureIndex && !cols[i].hidden);
  const pivotValues = [...new Set(data.rows.map((r) => r[pivotIndex]))];
  const byKey = new Map();
  for (const row of data.rows) {
    const key = JSON.stringify(keyIndexes.map((i) => row[i]));
    if (!byKey.has(key)) byKey.set(key, { keys: keyIndexes.map((i) => row[i]), values: {} });
    byKey.get(key).values[row[pivotIndex]] = row[measureIndex];
  }
  return { keyIndexes, pivotValues, measureIndex, groups: [...byKey.values()] };
}

function drawGrid(body, spec, data) {
  const table = element("table");
  const colour = scale(spec, data.columns, data.rows);
  const head = element("tr");
  if (data.pivots.length) {
    const p = pivoted(data);
    p.keyIndexes.forEach((i) => head.appendChild(element("th", {}, data.columns[i].label)));
    p.pivotValues.forEach((v) => head.appendChild(element("th", { class: "num" }, format(v))));
    table.appendChild(head);
    const measure = data.columns[p.measureIndex];
    const all = p.groups.flatMap((g) => Object.values(g.values)).filter((v) => typeof v === "number");
    for (const group of p.groups) {
      const tr = element("tr");
      group.keys.forEach((v, j) => tr.appendChild(cell(data.columns[p.keyIndexes[j]], v)));
      for (const pv of p.pivotValues) {
        const td = cell(measure, group.values[pv] ?? null);
        const bg = colour(measure.field, group.values[pv], all);
        if (bg) td.style.background = bg;
        tr.appendChild(td);
      }
      table.appendChild(tr);
    }
  } else {
    const visible = data.columns.map((c, i) => i).filter((i) => !data.columns[i].hidden);
    visible.forEach((i) => head.appendChild(element("th", data.columns[i].kind === "measure" ? { class: "num" } : {}, data.columns[i].label)));
    table.appendChild(head);
    const columnValues = visible.map((i) => data.rows.map((r) => r[i]).filter((v) => typeof v === "number"));
    for (const row of data.rows) {
      const tr = element("tr");
      visible.forEach((i, j) => {
        const td = cell(data.columns[i], row[i]);
        const bg = colour(data.columns[i].field, row[i], columnValues[j]);
        if (bg) td.style.background = bg;
        tr.appendChild(td);
      });
      table.appendChild(tr);
    }
  }
  body.appendChild(table);
}

function drawSingle(body, data) {
  const index = data.columns.findIndex((c) => !c.hidden);
  const column = data.columns[index];
  body.appendChild(element("div", { class: "value", "data-field": column.field }, format(data.rows[0][index], column.format)));
}

function drawRecord(body, data) {
  const table = element("table");
  data.columns.forEach((column, i) => {
    if (column.hidden) return;
    const tr = element("tr");
    tr.appendChild(element("th", {}, column.label));
    tr.appendChild(cell(column, data.rows[0][i]));
    table.appendChild(tr);
  });
  body.appendChild(table);
}

function drawChart(body, spec, data) {
  const cols = data.columns;
  const type = spec.type;
  const plot = element("div", { class: "chart" });
  body.appendChild(plot);
  let traces;
  if (type === "looker_pie") {
    const label = cols.findIndex((c) => c.kind !== "measure");
    const value = cols.findIndex((c) => c.kind === "measure");
    traces = [{ type: "pie", labels: data.rows.map((r) => format(r[label])), values: data.rows.map((r) => r[value]),
      hole: (spec.inner_radius || 0) / 100, sort: false, textinfo: "percent" }];
  } else {
    const x = cols.findIndex((c) => c.kind !== "measure" && !data.pivots.includes(c.field));
    const horizontal = type === "looker_bar";
    const kind = type === "looker_line" || type === "looker_area" ? "scatter" : "bar";
    const series = [];
    if (data.pivots.length) {
      const p = pivoted(data);
      for (const pv of p.pivotValues) {
        const xs = p.groups.map((g) => g.keys[0]);
        series.push({ name: format(pv), xs, ys: p.groups.map((g) => g.values[pv] ?? null) });
      }
    } else {
      cols.forEach((c, i) => {
        if (c.kind === "measure" && !c.hidden) series.push({ name: c.label, xs: data.rows.map((r) => r[x]), ys: data.rows.map((r) => r[i]) });
      });
    }
    traces = series.map((s) => ({
      type: kind, name: s.name, x: horizontal ? s.ys : s.xs.map((v) => format(v)), y: horizontal ? s.xs.map((v) => format(v)) : s.ys,
      orientation: horizontal ? "h" : "v", mode: kind === "scatter" ? "lines+markers" : undefined,
      fill: type === "looker_area" ? "tozeroy" : undefined,
    }));
  }
  const layout = { margin: { l: 60, r: 10, t: 5, b: 40 }, showlegend: traces.length > 1 || type === "looker_pie",
    barmode: spec.stacking ? "stack" : "group", legend: { orientation: "h" }, font: { size: 11 } };
  if (type === "looker_bar") layout.yaxis = { autorange: "reversed", automargin: true };
  Plotly.newPlot(plot, traces, layout, { displayModeBar: false, responsive: true });
}

async function drawTile(tile) {
  if (tile.dataset.state !== "waiting") return;
  tile.dataset.state = "loading";
  const spec = JSON.parse(tile.dataset.spec);
  const body = tile.querySelector(".body");
  const query = new URLSearchParams(window.C360_VALUES || {});
  try {
    const response = await fetch(`/api/dashboards/${tile.dataset.dashboard}/tiles/${tile.dataset.element}?${query}`);
    const data = await response.json();
    if (!response.ok) throw new Error(data.detail || response.statusText);
    body.textContent = "";
    if (data.needs.length) body.appendChild(element("p", { class: "empty" }, `Choose a value for ${data.needs.join(", ")}.`));
    else if (!data.rows.length) body.appendChild(element("p", { class: "empty" }, "No results."));
    else if (spec.type === "single_value") drawSingle(body, data);
    else if (spec.type === "looker_single_record") drawRecord(body, data);
    else if (spec.type === "looker_grid") drawGrid(body, spec, data);
    else drawChart(body, spec, data);
    tile.dataset.rows = String(data.rows.length);
    tile.dataset.state = "ready";
  } catch (error) {
    body.textContent = error.message;
    tile.dataset.state = "error";
  }
}

function showTab(name) {
  document.querySelectorAll("nav.tabs button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
  document.querySelectorAll(".grid[data-tab]").forEach((grid) => {
    grid.hidden = grid.dataset.tab !== name;
    if (!grid.hidden) {
      grid.querySelectorAll(".tile[data-element]").forEach(drawTile);
      grid.querySelectorAll(".chart").forEach((c) => Plotly.Plots.resize(c));
    }
  });
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function setUpSearch() {
  const input = document.getElementById("search");
  const list = document.getElementById("search-results");
  if (!input) return;
  input.addEventListener("input", debounce(async () => {
    const q = input.value.trim();
    list.textContent = "";
    if (q.length < 2) { list.hidden = true; return; }
    const response = await fetch(`/api/customers?q=${encodeURIComponent(q)}`);
    const data = await response.json();
    for (const c of data.customers || []) {
      const name = c.first_name !== undefined ? `${c.first_name} ${c.last_name} · ` : "";
      const li = element("li");
      li.appendChild(element("a", { href: `/customer/${c.customer_key}`, "data-customer": c.customer_key },
        `${name}${c.customer_key.slice(0, 8)} · ${c.segment} · ${c.city}, ${c.state_code} · ${format(c.relationship_balance_usd, "usd_0")}`));
      list.appendChild(li);
    }
    if (!list.children.length) list.appendChild(element("li", {}, "No customer matches."));
    list.hidden = false;
  }, 200));
}

function setUpSuggestions() {
  document.querySelectorAll("form.filters input[data-suggest]").forEach((input) => {
    const fill = debounce(async () => {
      const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(input.value)}`);
      if (!response.ok) return;
      const list = document.getElementById(input.getAttribute("list"));
      list.textContent = "";
      for (const value of (await response.json()).suggestions) list.appendChild(element("option", { value }));
    }, 200);
    input.addEventListener("focus", fill, { once: true });
    input.addEventListener("input", fill);
  });
}

function setUpActions() {
  document.querySelectorAll("form.act").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const item = form.closest("li[data-action]");
      const body = { executed_by: form.executed_by.value, outcome: form.outcome.value };
      const response = await fetch(`/api/actions/${item.dataset.action}/execute`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      const data = await response.json();
      const toast = element("div", { class: "toast", role: "status" }, response.ok ? `Recorded: ${data.action} (${data.outcome}).` : data.detail);
      document.body.appendChild(toast);
      setTimeout(() => toast.remove(), 4000);
      if (response.ok) item.remove();
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-format]").forEach((node) => {
    const value = node.textContent.trim();
    if (value !== "" && value !== "None" && !Number.isNaN(Number(value))) node.textContent = format(Number(value), node.dataset.format);
    else if (value === "None") node.textContent = "∅";
  });
  document.querySelectorAll("nav.tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  const first = document.querySelector(".grid[data-tab]:not([hidden])");
  if (first) first.querySelectorAll(".tile[data-element]").forEach(drawTile);
  setUpSearch();
  setUpSuggestions();
  setUpActions();
});
