// A consumer's API keys: prefix, dates and state only (the store keeps hashes). Admins issue a key, shown once,
// and revoke keys.
import {call, get, seg} from './http.js';
import {h, table, when, badge, errorMessage, message, notify} from './dom.js';

function reload() {
  window.dispatchEvent(new Event('turnpike:changed'));
}

function shownOnce(consumer, issued, outlet) {
  const field = h('input', {id: 'new-key', type: 'text', readonly: true, value: issued.key, class: 'secret',
    'aria-describedby': 'new-key-help'});
  const copy = h('button', {type: 'button', class: 'secondary', onclick: async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(issued.key);
      copy.textContent = 'Copied';
    } catch (e) {
      copy.textContent = 'Select and copy it by hand';
    }
  }}, 'Copy');
  // data-dirty keeps live catalog updates from re-rendering the page while the key is on screen.
  const panel = message('ok', h('h3', {}, `New key for ${consumer}`),
    h('label', {for: 'new-key'}, `Key ${issued.prefix}`), field, copy,
    h('p', {id: 'new-key-help'}, h('strong', {}, 'It is shown only this once: '),
      'store it now. The catalog keeps only its hash.'),
    h('button', {type: 'button', id: 'key-done', onclick: () => reload()}, 'I have stored it'));
  panel.dataset.dirty = 'true';
  outlet.replaceChildren(panel);
  field.focus();
  field.select();
}

export async function keysSection(consumer, session) {
  const keys = (await get(`/consumers/${seg(consumer)}/keys`)).items;
  const outlet = h('div', {id: 'key-outlet'});
  const state = k => (k.revoked ? badge('REVOKED') : k.expiresAt && new Date(k.expiresAt) < new Date()
    ? badge('EXPIRED') : badge('ACTIVE'));
  const rows = keys.map(k => [h('code', {}, `${k.prefix}\u2026`), when(k.createdAt), when(k.expiresAt), state(k),
    session.readOnly || k.revoked ? '' : h('button', {type: 'button', class: 'danger small', id: `revoke-${k.id}`,
      'aria-label': `Revoke key ${k.prefix}`, onclick: async () => {
        try {
          await call('DELETE', `/consumers/${seg(consumer)}/keys/${seg(k.id)}`);
          notify(`Key ${k.prefix} of ${consumer} revoked.`);
          reload();
        } catch (e) {
          outlet.replaceChildren(errorMessage(e, 'Revoking the key'));
        }
      }}, 'Revoke')]);
  const section = h('section', {'aria-labelledby': 'keys-title'}, h('h2', {id: 'keys-title'}, 'API keys'),
    table(`${keys.length} keys (prefix only)`, ['Prefix', 'Created', 'Expires', 'State', ''], rows, 'No keys.'));
  if (!session.readOnly) {
    const expires = h('input', {id: 'key-expires', type: 'date'});
    const form = h('form', {class: 'inline', 'aria-label': 'Issue a key'},
      h('label', {for: 'key-expires'}, 'Expires (optional)'), expires,
      h('button', {type: 'submit', id: 'issue-key'}, 'Issue a key'));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      try {
        const body = expires.value ? {expiresAt: new Date(`${expires.value}T00:00:00Z`).toISOString()} : undefined;
        const issued = (await call('POST', `/consumers/${seg(consumer)}/keys`, {body})).body;
        shownOnce(consumer, issued, outlet);
      } catch (e) {
        outlet.replaceChildren(errorMessage(e, 'Issuing a key'));
      }
    });
    section.append(form);
  }
  section.append(outlet);
  return section;
}
