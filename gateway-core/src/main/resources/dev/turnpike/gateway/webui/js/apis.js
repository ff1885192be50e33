// The APIs list: search and filters run on the node (GET /apis?q=&team=&lifecycle=&criticality=&view=summary),
// one page at a time, so the list stays fast at 10,000 APIs.
import {get, query, seg} from './http.js';
import {h, table, badge, link, number} from './dom.js';
import {select, pager, listHash, wireFilters} from './lists.js';

const PAGE = 25;
let teamsCache = null;

async function teamIds() {
  if (!teamsCache) {
    teamsCache = (await get('/teams?limit=1000')).items.map(t => t.id);
  }
  return teamsCache;
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
