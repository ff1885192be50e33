// An API's pools as this node sees them now: each instance's health, ejection, latency and in-flight calls
// (GET /pools/{id}/health) and the API's circuit breaker per pool (GET /apis/{id}/circuits). Node state, not
// catalog data: refreshed on every poll of the live version (the 'turnpike:poll' event), not only on a change.
import {get, seg} from './http.js';
import {h, clear, table, badge, when, number, message} from './dom.js';

let shown = null; // the section on screen: {element, refresh}

window.addEventListener('turnpike:poll', () => {
  if (shown && shown.element.isConnected) {
    shown.refresh();
  }
});

function instanceState(i) {
  if (i.ejected) {
    return badge('EJECTED', 'ejected');
  }
  return i.healthy ? badge('AVAILABLE', 'active') : badge('UNHEALTHY', 'ejected');
}

function poolTable(health, circuit, poolId, configured) {
  if (!health) {
    return h('div', {}, h('h3', {}, `Pool ${poolId}`),
      message('error', 'This node has no live view of the pool (not in the live catalog, or unreadable).'));
  }
  const caption = `Pool ${health.pool} (${health.balancer}${health.healthCheck
    ? `, health check ${health.healthCheck.path} every ${health.healthCheck.interval}` : ', no active health check'})`;
  const zone = Object.fromEntries((configured.instances || []).filter(i => typeof i === 'object')
    .map(i => [`${i.host}:${i.port}`, i.zone]));
  return h('div', {class: 'pool', dataset: {pool: health.pool}},
    table(caption, ['Instance', 'State', 'Weight', 'Zone', 'Ejected until', 'Ejections', 'Latency', 'In flight'],
      health.instances.map(i => [h('code', {}, i.address), instanceState(i), i.weight, zone[i.address] || '-',
        i.ejected ? when(i.ejectedUntil) : '-', number(i.ejections), `${i.latencyMillis.toFixed(1)} ms`,
        number(i.inFlight)]), 'No instances.'),
    h('p', {class: 'muted circuit'}, 'Circuit breaker: ', circuit));
}

function circuitText(circuits, poolId) {
  if (!circuits || !circuits.policy) {
    return 'none (the API has no circuitBreaker policy)';
  }
  const c = circuits.circuits.find(x => x.pool === poolId);
  return c ? badge(c.state, c.state === 'CLOSED' ? 'active' : 'ejected') : 'CLOSED (no call yet)';
}

/** The "Pools and instances" section of an API's page; {@code pools} are the pools' catalog representations. */
export async function poolsSection(api, pools) {
  const body = h('div', {id: 'pool-health'});
  const section = h('section', {'aria-labelledby': 'pools-title'},
    h('h2', {id: 'pools-title'}, 'Pools and instances'),
    h('p', {class: 'muted'}, 'As this node sees them now (health checks, passive ejection, latency), refreshed live.'),
    body);
  const refresh = async () => {
    const [healths, circuits] = await Promise.all([
      Promise.all(pools.map(p => get(`/pools/${seg(p.id)}/health`).catch(() => null))),
      get(`/apis/${seg(api.id)}/circuits`).catch(() => null)]);
    clear(body).append(...pools.map((p, n) => poolTable(healths[n], circuitText(circuits, p.id), p.id, p)));
  };
  await refresh();
  shown = {element: section, refresh};
  return section;
}
