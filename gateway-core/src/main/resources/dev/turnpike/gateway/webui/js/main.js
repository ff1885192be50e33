// Boot, log-in and the hash router: #/apis, #/apis/{id}, #/consumers, #/consumers/{id}, #/teams, #/teams/{id}.
import {call, setToken, token} from './http.js';
import {h, clear, message, notify} from './dom.js';
import {Live} from './live.js';
import * as apis from './apis.js';
import * as apiPage from './api-page.js';
import * as consumers from './consumers.js';
import * as teams from './teams.js';

const main = document.getElementById('main');
const session = {name: null, role: null, get readOnly() { return this.role !== 'admin'; }};
const live = new Live((version, first) => onCatalogChange(version, first));
let rendering = 0;

function route() {
  const hash = location.hash.replace(/^#/, '') || '/apis';
  const [path, search] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search || '');
  const views = {apis: [apis, apiPage], consumers: [consumers.list, consumers.page], teams: [teams.list, teams.page]};
  const pair = views[parts[0]] || views.apis;
  return {section: views[parts[0]] ? parts[0] : 'apis', view: parts.length > 1 ? pair[1] : pair[0],
    id: parts[1], params, path: hash};
}

async function render({keepFocus = false} = {}) {
  if (!token()) {
    showLogin();
    return;
  }
  const r = route();
  document.querySelectorAll('#nav a').forEach(a => {
    if (a.dataset.section === r.section) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  const active = document.activeElement;
  const focusedId = active && main.contains(active) && active.id ? active.id : null;
  const ticket = ++rendering;
  const target = h('div', {class: 'view', 'data-route': r.path});
  try {
    await r.view.render(target, {session, id: r.id, params: r.params});
  } catch (e) {
    clear(target).append(message('error', h('strong', {}, 'Could not load this page: '), e.message));
  }
  if (ticket !== rendering) {
    return; // a newer navigation won
  }
  clear(main).append(target);
  const again = focusedId && document.getElementById(focusedId);
  if (again) {
    again.focus(); // typing in a filter re-renders the list: stay in the field
    if (typeof again.value === 'string' && again.setSelectionRange && /^(search|text)$/.test(again.type)) {
      again.setSelectionRange(again.value.length, again.value.length);
    }
  } else if (!keepFocus) {
    main.focus({preventScroll: true});
  }
}

function onCatalogChange(version, first) {
  document.getElementById('version').textContent = `catalog v${version}`;
  if (first || !token() || !main.querySelector('.view')) {
    return;
  }
  if (main.querySelector('[data-dirty]')) {
    notify(`The catalog changed (version ${version}). Finish or reload to see it.`);
    return;
  }
  render({keepFocus: true}).then(() => notify(`The catalog changed: now version ${version}.`));
}

function showLogin(error) {
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  live.stop();
  const input = h('input', {id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help'});
  const form = h('form', {class: 'login', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Log in to the catalog'),
    h('label', {for: 'token'}, 'Admin token'), input,
    h('p', {id: 'token-help', class: 'muted'},
      'An admin or read-only token of this node (admin.tokens). It is kept in this tab only.'),
    error ? message('error', error) : null,
    h('button', {type: 'submit'}, 'Log in'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    setToken(input.value.trim());
    if (await whoami()) {
      render();
    } else {
      setToken(null);
      showLogin('That token was not accepted.');
    }
  });
  clear(main).append(form);
  input.focus();
}

async function whoami() {
  try {
    const me = (await call('GET', '/whoami')).body;
    session.name = me.name;
    session.role = me.role;
    document.getElementById('who').textContent = `${me.name} (${me.role})`;
    document.getElementById('nav').hidden = false;
    document.getElementById('session').hidden = false;
    document.body.classList.toggle('read-only', me.role !== 'admin');
    live.start();
    return true;
  } catch (e) {
    return false;
  }
}

// The skip link moves focus without touching the hash, which is the router's.
document.querySelector('.skip').addEventListener('click', ev => {
  ev.preventDefault();
  main.focus();
});
document.getElementById('logout').addEventListener('click', () => {
  setToken(null);
  notify('Logged out.');
  showLogin();
});
window.addEventListener('turnpike:unauthorized', () => {
  setToken(null);
  showLogin('The token is no longer accepted; log in again.');
});
window.addEventListener('hashchange', () => render());
// An action of this page changed the catalog: learn the new version quietly (so the poll does not render the page
// a second time), then show the page as it is now.
window.addEventListener('turnpike:changed', async () => {
  await live.sync();
  render({keepFocus: true});
});

(async () => {
  if (token() && await whoami()) {
    render();
  } else {
    setToken(null);
    showLogin();
  }
})();
