// What the list pages share: filter forms whose fields live in the address, and pager links.
import {h, number} from './dom.js';

/** A select with a label; the first option is "any". */
export function select(id, label, values, current, anyText = 'Any') {
  return [h('label', {for: id}, label),
    h('select', {id, name: id}, h('option', {value: ''}, anyText),
      values.map(v => h('option', {value: v, selected: v === current}, v)))];
}

/** Pager links for a list answer; href(offset) makes each link. */
export function pager(page, href) {
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = Math.min(page.offset + page.items.length, page.total);
  return h('nav', {class: 'pager', 'aria-label': 'Pages'},
    page.offset > 0
      ? h('a', {href: href(Math.max(0, page.offset - page.limit)), rel: 'prev'}, '\u2190 Previous') : null,
    h('span', {id: 'range'}, `${number(from)}\u2013${number(to)} of ${number(page.total)}`),
    page.next ? h('a', {href: href(page.offset + page.limit), rel: 'next'}, 'Next \u2192') : null);
}

/** Writes a form's non-empty fields (and offset) into the hash, so back and forward work and links can be shared. */
export function listHash(section, fields, offset) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v) {
      q.set(k, v);
    }
  }
  if (offset) {
    q.set('offset', offset);
  }
  const s = q.toString();
  return `#/${section}${s ? `?${s}` : ''}`;
}

/** Re-navigates on input (debounced for text) with the form's fields. */
export function wireFilters(form, section, names) {
  let timer = null;
  const go = () => {
    const fields = Object.fromEntries(names.map(n => [n, form.elements[n].value.trim()]));
    const target = listHash(section, fields, 0);
    if (location.hash !== target) {
      history.replaceState(null, '', target);
      window.dispatchEvent(new Event('hashchange'));
    }
  };
  form.addEventListener('input', ev => {
    clearTimeout(timer);
    timer = setTimeout(go, ev.target.tagName === 'SELECT' ? 0 : 250);
  });
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    clearTimeout(timer);
    go();
  });
}
