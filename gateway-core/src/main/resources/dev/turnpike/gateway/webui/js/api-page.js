// One API: summary, remaining callers when deprecated, traffic split and pools, consumers and their calls per day,
// operations, and the OpenAPI document.
import {call, get, seg} from './http.js';
import {h, facts, table, badge, link, when, number, message, planText} from './dom.js';
import {callsChart, daysBetween} from './chart.js';
import {trafficSection, lifecycleSection} from './api-actions.js';
import {documentView} from './swagger.js';
import {poolsSection} from './pool-health.js';

const CHARTED = 20; // consumers whose daily calls are fetched for the charts

function policies(p) {
  if (!p || !Object.keys(p).length) {
    return 'none (defaults)';
  }
  return h('ul', {class: 'plain'}, Object.entries(p).map(([k, v]) =>
    h('li', {}, h('code', {}, k), ': ', typeof v === 'object' ? JSON.stringify(v) : String(v))));
}

async function dailyCalls(apiId, consumers) {
  const charted = consumers.filter(c => c.calls > 0).slice(0, CHARTED);
  const usages = await Promise.all(charted.map(c =>
    get(`/consumers/${seg(c.consumer)}/usage?days=14`).catch(() => null)));
  const perConsumer = {};
  let days = null;
  usages.forEach((u, i) => {
    if (!u) {
      return;
    }
    days = days || daysBetween(u.from, u.to);
    const row = u.apis.find(a => a.api === apiId);
    perConsumer[charted[i].consumer] = Object.fromEntries((row ? row.days : []).map(d => [d.day, d.calls]));
  });
  return {days, perConsumer};
}

function remainingCallers(api, consumers) {
  const calling = consumers.filter(c => c.calls > 0);
  return h('section', {class: 'callout', 'aria-labelledby': 'callers-title'},
    h('h2', {id: 'callers-title'}, `Deprecated${api.sunset ? `: sunset ${api.sunset}` : ''}`),
    api.successor ? h('p', {}, 'Successor: ', link(`#/apis/${seg(api.successor)}`, api.successor)) : null,
    calling.length
      ? [h('p', {}, h('strong', {}, `${calling.length} consumer${calling.length === 1 ? '' : 's'} still call`
          + `${calling.length === 1 ? 's' : ''} this API`), ' (last 30 days):'),
        h('ul', {id: 'remaining-callers'}, calling.map(c => h('li', {}, link(`#/consumers/${seg(c.consumer)}`,
          c.consumer), ` \u2014 ${number(c.calls)} calls, last seen ${when(c.lastSeen)}`)))]
      : h('p', {id: 'remaining-callers'}, 'No calls in the last 30 days.'));
}

export async function render(target, {id, session}) {
  const [{body: api, etag}, {items: operations}, usage] = await Promise.all([
    call('GET', `/apis/${seg(id)}`), get(`/apis/${seg(id)}/operations`), get(`/apis/${seg(id)}/consumers?days=30`)]);
  const pools = await Promise.all(api.targets.map(t => get(`/pools/${seg(t.pool)}`).catch(() => ({id: t.pool}))));
  const consumers = usage.consumers.sort((a, b) => b.calls - a.calls);
  const {days, perConsumer} = await dailyCalls(api.id, consumers);
  const lifecycle = api.lifecycle || 'ACTIVE';

  target.append(h('h1', {}, api.name || api.id, ' ', badge(lifecycle), ' ', badge(api.criticality || 'STANDARD')));
  if (lifecycle === 'DEPRECATED') {
    target.append(remainingCallers(api, consumers));
  }
  target.append(h('section', {'aria-labelledby': 'summary-title'}, h('h2', {id: 'summary-title'}, 'Summary'),
    facts([['Id', h('code', {}, api.id)], ['Owner', link(`#/teams/${seg(api.owner)}`, api.owner)],
      ['Version', api.version], ['Description', api.description], ['Host', api.host],
      ['Base path', h('code', {id: 'base-path'}, api.basePath)], ['Upstream base path', api.upstreamBasePath],
      ['Lifecycle', lifecycle], ['Sunset', api.sunset],
      ['Successor', api.successor ? link(`#/apis/${seg(api.successor)}`, api.successor) : null],
      ['Criticality', api.criticality || 'STANDARD'], ['Policies', policies(api.policies)]]),
    session.readOnly ? null : lifecycleSection(api, etag)));

  target.append(trafficSection(api, etag, session));
  target.append(await poolsSection(api, pools));

  const total = {};
  Object.values(perConsumer).forEach(m => Object.entries(m).forEach(([d, n]) => { total[d] = (total[d] || 0) + n; }));
  target.append(h('section', {'aria-labelledby': 'consumers-title'},
    h('h2', {id: 'consumers-title'}, 'Consumers'),
    days ? h('figure', {}, callsChart(`Calls to ${api.id} per day`, days, total),
      h('figcaption', {}, `Calls per day, last ${days.length} days (top ${CHARTED} consumers)`)) : null,
    table('Who calls this API (last 30 days)', ['Consumer', 'Subscribed', 'Plan', 'Calls', 'Errors', 'Last seen',
      'Calls per day'], consumers.map(c => [link(`#/consumers/${seg(c.consumer)}`, c.consumer),
      c.subscribed ? 'yes' : 'no', planText(c.plan), number(c.calls), number(c.errors), when(c.lastSeen),
      perConsumer[c.consumer] && days ? callsChart(c.consumer, days, perConsumer[c.consumer], {small: true}) : '-']),
    'No consumer subscribed or called in the last 30 days.')));

  target.append(h('section', {'aria-labelledby': 'ops-title'}, h('h2', {id: 'ops-title'}, 'Operations'),
    table(`${operations.length} operations`, ['Method', 'Path', 'Operation', 'Parameters', 'Responses'],
      operations.map(o => [badge(o.method, 'method'), h('code', {}, o.path),
        [o.operationId || '', o.summary ? h('div', {class: 'muted'}, o.summary) : null,
          o.deprecated ? badge('DEPRECATED') : null],
        (o.parameters || []).map(p => h('div', {}, h('code', {}, p.name), ` (${p.in}${p.type ? `, ${p.type}` : ''})`,
          p.required ? ' required' : '')),
        (o.responses || []).map(r => h('div', {}, h('code', {}, r.status), ` ${r.description || ''}`))]))));

  const doc = h('section', {'aria-labelledby': 'doc-title'}, h('h2', {id: 'doc-title'}, 'OpenAPI document'));
  if (api.spec) {
    doc.append(documentView(api));
  } else {
    doc.append(message('ok', 'This API has no OpenAPI document; its routes are listed above.'));
  }
  target.append(doc);
}
