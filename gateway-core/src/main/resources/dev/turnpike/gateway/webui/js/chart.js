// Calls per day as a small SVG bar chart: no library, no inline styles (CSP), a text alternative for screen readers.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

/** Every day from `from` to `to` (yyyy-mm-dd, inclusive, as the usage endpoints answer them), in order. */
export function daysBetween(from, to) {
  const out = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().substring(0, 10));
  }
  return out;
}

/**
 * A bar chart of calls per day. `perDay` maps yyyy-mm-dd to calls; `days` lists the days to show in order.
 * small: a sparkline without axis labels.
 */
export function callsChart(title, days, perDay, {small = false} = {}) {
  const width = small ? 140 : 560;
  const height = small ? 28 : 160;
  const pad = small ? 1 : 24;
  const values = days.map(d => perDay[d] || 0);
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    class: small ? 'chart chart-small' : 'chart'});
  root.append(svg('title', {}, `${title}: ${total.toLocaleString()} calls in ${days.length} days, at most `
    + `${Math.max(...values).toLocaleString()} a day`));
  const plotH = height - (small ? 2 : pad + 14);
  const step = (width - (small ? 0 : pad)) / days.length;
  values.forEach((v, i) => {
    const h = Math.round((v / max) * plotH);
    const x = (small ? 0 : pad) + i * step + 1;
    const bar = svg('rect', {x: x.toFixed(1), y: (small ? height - 1 : plotH + 4) - h,
      width: Math.max(1, step - 2).toFixed(1),
      height: h, class: 'bar'});
    bar.append(svg('title', {}, `${days[i]}: ${v.toLocaleString()} calls`));
    root.append(bar);
  });
  if (!small) {
    root.append(svg('text', {x: 0, y: 12, class: 'axis'}, max.toLocaleString()));
    root.append(svg('line', {x1: pad, y1: plotH + 4, x2: width, y2: plotH + 4, class: 'baseline'}));
    root.append(svg('text', {x: pad, y: height - 2, class: 'axis'}, days[0]));
    root.append(svg('text', {x: width, y: height - 2, class: 'axis', 'text-anchor': 'end'}, days[days.length - 1]));
  }
  return root;
}
