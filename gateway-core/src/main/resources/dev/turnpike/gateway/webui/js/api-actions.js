// Changes to one API, each a PUT of the whole API with If-Match: the ETag of the version this page shows, so a
// concurrent change is a clear conflict (412), never a silent overwrite.
import {call, seg} from './http.js';
import {h, table, errorMessage, notify} from './dom.js';

const RAMP_STEPS = [5, 25, 50, 100];

function reload() {
  window.dispatchEvent(new Event('turnpike:changed'));
}

async function save(api, etag, changed, what, outlet) {
  outlet.replaceChildren();
  try {
    await call('PUT', `/apis/${seg(api.id)}`, {body: changed, ifMatch: etag});
    notify(what);
    reload();
  } catch (e) {
    outlet.append(errorMessage(e, `Changing ${api.id}`));
  }
}

function share(weight, total) {
  return total > 0 ? `${Math.round((weight * 1000) / total) / 10} %` : '-';
}

/** The live traffic split; for admins a form to set the weights, ramp the canary and roll back. */
export function trafficSection(api, etag, session) {
  const total = api.targets.reduce((a, t) => a + t.weight, 0);
  const section = h('section', {'aria-labelledby': 'traffic-title'}, h('h2', {id: 'traffic-title'}, 'Traffic split'));
  if (session.readOnly) {
    section.append(table('Weights across pools (live)', ['Pool', 'Weight', 'Share'],
      api.targets.map(t => [t.pool, String(t.weight), share(t.weight, total)])));
    return section;
  }
  const outlet = h('div', {});
  const inputs = api.targets.map(t => h('input', {id: `weight-${t.pool}`, name: t.pool, type: 'number', min: 0,
    max: 1000000, step: 1, value: t.weight, required: true, class: 'weight'}));
  const shares = api.targets.map(t => h('output', {for: `weight-${t.pool}`, id: `share-${t.pool}`},
    share(t.weight, total)));
  const form = h('form', {class: 'weights', 'aria-label': 'Traffic weights'},
    table('Weights across pools (live)', ['Pool', 'Weight', 'Share'], api.targets.map((t, i) =>
      [h('label', {for: `weight-${t.pool}`}, t.pool), inputs[i], shares[i]])));
  const values = () => inputs.map(i => Number(i.value));
  const refreshShares = () => {
    const sum = values().reduce((a, b) => a + b, 0);
    values().forEach((v, i) => { shares[i].textContent = share(v, sum); });
  };
  const submit = weights => {
    const targets = api.targets.map((t, i) => ({...t, weight: weights[i]}));
    if (targets.every(t => t.weight === 0)) {
      outlet.replaceChildren(errorMessage({message: 'at least one pool needs a weight above 0'}, 'Setting weights'));
      return;
    }
    save(api, etag, {...api, targets}, `Weights of ${api.id}: ${targets.map(t => `${t.pool} ${t.weight}`).join(', ')}.`,
      outlet);
  };
  form.addEventListener('input', () => {
    form.dataset.dirty = 'true';
    refreshShares();
  });
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    submit(values());
  });
  const buttons = [h('button', {type: 'submit', id: 'save-weights'}, 'Save weights')];
  if (api.targets.length > 1) {
    const canary = api.targets[api.targets.length - 1].pool;
    const stableWeights = api.targets.map((t, i) => (i === 0 ? 100 : 0));
    for (const p of RAMP_STEPS) {
      buttons.push(h('button', {type: 'button', class: 'secondary', id: `ramp-${p}`,
        onclick: () => submit(api.targets.map((t, i) => (i === 0 ? 100 - p : i === api.targets.length - 1 ? p : 0)))},
      `${canary} ${p} %`));
    }
    buttons.push(h('button', {type: 'button', class: 'danger', id: 'rollback',
      onclick: () => submit(stableWeights)}, `Roll back to ${api.targets[0].pool}`));
  }
  form.append(h('div', {class: 'buttons'}, buttons), h('p', {class: 'muted'},
    api.targets.length > 1 ? `The first pool (${api.targets[0].pool}) is the stable one, the last `
      + `(${api.targets[api.targets.length - 1].pool}) the canary. Changes are live on the data plane when saved.`
      : 'Changes are live on the data plane when saved.'));
  section.append(form, outlet);
  return section;
}

/** Deprecate with a sunset date and successor, or make a deprecated API active again. */
export function lifecycleSection(api, etag) {
  const outlet = h('div', {});
  const lifecycle = api.lifecycle || 'ACTIVE';
  if (lifecycle === 'DEPRECATED') {
    const form = h('form', {class: 'inline', 'aria-label': 'Lifecycle'},
      h('button', {type: 'submit', class: 'secondary', id: 'reactivate'}, 'Make active again'));
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const changed = {...api, lifecycle: 'ACTIVE'};
      delete changed.sunset;
      delete changed.successor;
      save(api, etag, changed, `${api.id} is active again.`, outlet);
    });
    return h('div', {}, form, outlet);
  }
  const sunset = h('input', {id: 'sunset', name: 'sunset', type: 'date'});
  const successor = h('input', {id: 'successor', name: 'successor', type: 'text', autocomplete: 'off',
    placeholder: 'API id (optional)'});
  const form = h('form', {class: 'inline', 'aria-label': 'Deprecate'},
    h('label', {for: 'sunset'}, 'Sunset date'), sunset,
    h('label', {for: 'successor'}, 'Successor'), successor,
    h('button', {type: 'submit', class: 'danger', id: 'deprecate'}, 'Deprecate'));
  form.addEventListener('input', () => { form.dataset.dirty = 'true'; });
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const changed = {...api, lifecycle: 'DEPRECATED'};
    if (sunset.value) {
      changed.sunset = sunset.value;
    }
    if (successor.value.trim()) {
      changed.successor = successor.value.trim();
    }
    save(api, etag, changed, `${api.id} is deprecated${sunset.value ? `, sunset ${sunset.value}` : ''}.`, outlet);
  });
  return h('div', {}, form, outlet);
}
