// Building DOM nodes without HTML strings: text is always text, never markup.

/** h('a', {href: '#/x', class: 'y'}, 'text', childNode, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.substring(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** A definition list from [label, value] pairs; empty values are left out. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** A table with a caption; rows are arrays of cells (text or nodes). */
export function table(caption, headers, rows, empty = 'None.') {
  if (!rows.length) {
    return h('div', {}, h('h3', {}, caption), h('p', {class: 'muted'}, empty));
  }
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(x => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c))))));
}

export function badge(text, kind = text.toLowerCase()) {
  return h('span', {class: `badge badge-${kind}`}, text);
}

export function link(href, text) {
  return h('a', {href}, text);
}

/** A date-time as local text, or '-' for none. */
export function when(iso) {
  if (!iso) {
    return '-';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function number(n) {
  return (n ?? 0).toLocaleString();
}

/** Says something in the page's status line (announced by screen readers); it stays across re-renders. */
export function notify(text) {
  document.getElementById('notice').textContent = text;
}

/** A subscription plan as text; none means the API's default plan applies. */
export function planText(p) {
  if (!p) {
    return 'API default';
  }
  return `${p.perSecond}/s, burst ${p.burst}${p.dailyQuota !== undefined ? `, ${number(p.dailyQuota)}/day` : ''}`;
}

/** A message box: kind is 'error', 'conflict' or 'ok'. Errors are alerts for screen readers. */
export function message(kind, ...content) {
  return h('div', {class: `message message-${kind}`, role: kind === 'ok' ? 'status' : 'alert'}, ...content);
}

/** The message for a failed call, with each field error of a 400. */
export function errorMessage(error, what) {
  if (error.conflict) {
    return message('conflict', h('strong', {}, 'Conflict: '),
      `${what} was changed by someone else since this page loaded, so your change was not applied. `,
      'Reload to see the current version, then try again.',
      h('button', {type: 'button', class: 'secondary', onclick: () => window.dispatchEvent(new Event('hashchange'))},
        'Reload'));
  }
  return message('error', h('strong', {}, `${what} failed: `), error.message,
    error.errors && error.errors.length
      ? h('ul', {}, error.errors.map(e => h('li', {}, `${e.pointer || e.parameter || ''} ${e.detail}`))) : null);
}
