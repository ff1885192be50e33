// Teams: the list, and one team's APIs, consumers (with their subscriptions and keys) and calls per day.
import {get, query, seg} from './http.js';
import {h, facts, table, badge, link, number, planText} from './dom.js';
import {pager, listHash, wireFilters} from './lists.js';
import {usageSection} from './consumers.js';

const PAGE = 25;
const CHARTED = 20;

export const list = {
  async render(target, {params}) {
    const f = {q: params.get('q') || ''};
    const offset = Number(params.get('offset') || 0);
    const page = await get(`/teams${query({...f, offset, limit: PAGE})}`);
    const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Search teams'},
      h('label', {for: 'q'}, 'Search'), h('input', {id: 'q', name: 'q', type: 'search', value: f.q,
        autocomplete: 'off', placeholder: 'id, name or contact'}));
    wireFilters(form, 'teams', ['q']);
    target.append(h('h1', {}, 'Teams'), form,
      table('Teams', ['Id', 'Name', 'Contact'], page.items.map(t => [link(`#/teams/${seg(t.id)}`, t.id),
        t.name || t.id, t.contact || '']), 'No team matches.'),
      pager(page, o => listHash('teams', f, o)));
  },
};

export const page = {
  async render(target, {id}) {
    const [team, apis, consumers] = await Promise.all([get(`/teams/${seg(id)}`),
      get(`/apis${query({team: id, limit: 1000, view: 'summary'})}`),
      get(`/consumers${query({team: id, limit: 1000})}`)]);
    const keyPrefixes = await Promise.all(consumers.items.map(c => get(`/consumers/${seg(c.id)}/keys`)
      .then(k => k.items.filter(x => !x.revoked).map(x => h('div', {}, h('code', {}, `${x.prefix}\u2026`))))
      .catch(() => '-')));
    const usages = await Promise.all(consumers.items.slice(0, CHARTED).map(c =>
      get(`/consumers/${seg(c.id)}/usage?days=30`).catch(() => null)));
    target.append(h('h1', {}, team.name || team.id),
      facts([['Id', h('code', {}, team.id)], ['Contact', team.contact], ['Description', team.description]]),
      table(`APIs owned (${number(apis.total)})`, ['Id', 'Base path', 'Lifecycle', 'Operations'], apis.items.map(a =>
        [link(`#/apis/${seg(a.id)}`, a.id), h('code', {}, a.basePath), badge(a.lifecycle || 'ACTIVE'),
          number(a.operationCount)]), 'This team owns no API.'),
      table(`Consumers (${number(consumers.total)})`, ['Id', 'State', 'Subscriptions and plans',
        'Active keys (prefix)'],
        consumers.items.map((c, i) => [link(`#/consumers/${seg(c.id)}`, c.id), badge(c.state || 'ACTIVE'),
          (c.subscriptions || []).map(s => h('div', {}, link(`#/apis/${seg(s.api)}`, s.api),
            ` \u2014 ${planText(s.plan)}`)),
          keyPrefixes[i].length ? keyPrefixes[i] : 'none']), 'This team has no consumer.'),
      usageSection(`Calls by this team's consumers (last 30 days${consumers.total > CHARTED
        ? `, first ${CHARTED} consumers` : ''})`, usages));
  },
};
