// Consumers: the list (search, team, state) and one consumer's subscriptions, keys and calls per day.
import {call, get, query, seg} from './http.js';
import {h, facts, table, badge, link, when, number, errorMessage, planText, notify} from './dom.js';
import {callsChart, daysBetween} from './chart.js';
import {select, pager, listHash, wireFilters} from './lists.js';
import {keysSection} from './keys.js';

const PAGE = 25;

export const list = {
  async render(target, {params}) {
    const f = {q: params.get('q') || '', team: params.get('team') || '', state: params.get('state') || ''};
    const offset = Number(params.get('offset') || 0);
    const [page, teams] = await Promise.all([get(`/consumers${query({...f, offset, limit: PAGE})}`),
      get('/teams?limit=1000')]);
    const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Search consumers'},
      h('label', {for: 'q'}, 'Search'), h('input', {id: 'q', name: 'q', type: 'search', value: f.q,
        autocomplete: 'off', placeholder: 'id, name or team'}),
      select('team', 'Team', teams.items.map(t => t.id), f.team),
      select('state', 'State', ['ACTIVE', 'SUSPENDED'], f.state));
    wireFilters(form, 'consumers', Object.keys(f));
    target.append(h('h1', {}, 'Consumers'), form,
      table('Consumers', ['Id', 'Name', 'Team', 'State', 'Subscriptions'], page.items.map(c => [
        link(`#/consumers/${seg(c.id)}`, c.id), c.name || c.id, link(`#/teams/${seg(c.team)}`, c.team),
        badge(c.state || 'ACTIVE'), (c.subscriptions || []).length]), 'No consumer matches.'),
      pager(page, o => listHash('consumers', f, o)));
  },
};

/** Calls per day summed over every API of a usage answer, and one row per API. */
export function usageSection(title, usages) {
  const valid = usages.filter(Boolean);
  if (!valid.length) {
    return h('section', {}, h('h2', {}, title), h('p', {class: 'muted'}, 'No usage recorded.'));
  }
  const days = daysBetween(valid[0].from, valid[0].to);
  const total = {};
  const byApi = {};
  for (const u of valid) {
    for (const a of u.apis) {
      const row = byApi[a.api] || (byApi[a.api] = {calls: 0, errors: 0, lastSeen: null, perDay: {}});
      row.calls += a.calls;
      row.errors += a.errors;
      row.lastSeen = !row.lastSeen || a.lastSeen > row.lastSeen ? a.lastSeen : row.lastSeen;
      for (const d of a.days) {
        total[d.day] = (total[d.day] || 0) + d.calls;
        row.perDay[d.day] = (row.perDay[d.day] || 0) + d.calls;
      }
    }
  }
  return h('section', {'aria-labelledby': 'usage-title'}, h('h2', {id: 'usage-title'}, title),
    h('figure', {}, callsChart(title, days, total), h('figcaption', {}, `Calls per day, ${days[0]} to ${days.at(-1)}`)),
    table('Calls per API', ['API', 'Calls', 'Errors', 'Last seen', 'Per day'], Object.entries(byApi).map(([api, r]) =>
      [link(`#/apis/${seg(api)}`, api), number(r.calls), number(r.errors), when(r.lastSeen),
        callsChart(api, days, r.perDay, {small: true})]), 'No calls in this period.'));
}

function stateForm(consumer, etag) {
  const outlet = h('div', {});
  const suspended = consumer.state === 'SUSPENDED';
  const form = h('form', {class: 'inline', 'aria-label': 'Consumer state'},
    h('button', {type: 'submit', id: suspended ? 'resume' : 'suspend', class: suspended ? 'secondary' : 'danger'},
      suspended ? 'Resume' : 'Suspend'),
    h('span', {class: 'muted'}, suspended ? 'Its keys are refused while suspended.'
      : 'A suspended consumer\'s keys get 403 at once.'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const state = suspended ? 'ACTIVE' : 'SUSPENDED';
      await call('PUT', `/consumers/${seg(consumer.id)}`, {body: {...consumer, state}, ifMatch: etag});
      notify(`${consumer.id} is ${suspended ? 'active again' : 'suspended'}.`);
      window.dispatchEvent(new Event('turnpike:changed'));
    } catch (e) {
      outlet.replaceChildren(errorMessage(e, `Changing ${consumer.id}`));
    }
  });
  return h('div', {}, form, outlet);
}

export const page = {
  async render(target, {id, session}) {
    const [{body: consumer, etag}, usage] = await Promise.all([call('GET', `/consumers/${seg(id)}`),
      get(`/consumers/${seg(id)}/usage?days=30`)]);
    target.append(h('h1', {}, consumer.name || consumer.id, ' ', badge(consumer.state || 'ACTIVE')),
      facts([['Id', h('code', {}, consumer.id)], ['Team', link(`#/teams/${seg(consumer.team)}`, consumer.team)],
        ['Contact', consumer.contact], ['State', consumer.state]]),
      session.readOnly ? null : stateForm(consumer, etag),
      table('Subscriptions', ['API', 'Plan', 'Direct calls'], (consumer.subscriptions || []).map(s =>
        [link(`#/apis/${seg(s.api)}`, s.api), planText(s.plan), s.direct ? 'yes' : 'no']), 'No subscriptions.'),
      await keysSection(consumer.id, session),
      usageSection('Usage (last 30 days)', [usage]));
  },
};
