// The APIs list: search and filters run on the node (GET /apis?q=&team=&lifecycle=&criticality=&view=summary),
// one page at a time, so the list stays fast at 10,000 APIs.
import {get, query, seg} from './http.js';
import {h, table, badge, link, number} from './dom.js';

const PAGE = 25;
let teamsCache = null;

async function teamIds() {
  if (!teamsCache) {
    teamsCache = (await get('/teams?limit=1000')).items.map(t => t.id);
  }
  return teamsCache;
}

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
    page.offset > 0 ? h('a', {href: href(Math.max(0, page.offset - page.limit)), rel: 'prev'}, '\u2190 Previous') : null,
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

function lifecycle(api) {
  const b = badge(api.lifecycle || 'ACTIVE');
  return api.sunset ? [b, ' ', h('span', {class: 'muted'}, `sunset ${api.sunset}`)] : b;
}

export async function render(target, {params}) {
  const f = {q: params.get('q') || '', team: params.get('team') || '', lifecycle: params.get('lifecycle') || '',
    criticality: params.get('criticality') || ''};
  const offset = Number(params.get('offset') || 0);
  const [page, teams] = await Promise.all([
    get(`/apis${query({...f, offset, limit: PAGE, view: 'summary'})}`), teamIds()]);
  const search = h('input', {id: 'q', name: 'q', type: 'search', value: f.q, autocomplete: 'off',
    placeholder: 'id, name, owner, path or operation'});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Search APIs'},
    h('label', {for: 'q'}, 'Search'), search,
    select('team', 'Team', teams, f.team),
    select('lifecycle', 'Lifecycle', ['ACTIVE', 'DEPRECATED', 'RETIRED'], f.lifecycle),
    select('criticality', 'Criticality', ['CRITICAL', 'STANDARD'], f.criticality));
  wireFilters(form, 'apis', Object.keys(f));
  const rows = page.items.map(a => [link(`#/apis/${seg(a.id)}`, a.id), a.name || a.id, link(`#/teams/${seg(a.owner)}`,
    a.owner), h('code', {}, a.basePath), a.version || '', lifecycle(a), badge(a.criticality || 'STANDARD'),
    number(a.operationCount)]);
  target.append(h('h1', {}, 'APIs'), form,
    table('APIs of the catalog', ['Id', 'Name', 'Owner', 'Base path', 'Version', 'Lifecycle', 'Criticality',
      'Operations'], rows, 'No API matches.'),
    pager(page, o => listHash('apis', f, o)));
}
