// An API's OpenAPI document rendered by Swagger UI (from its webjar, loaded by index.html), fetched from the admin API
// with the session's token. Read-only unless the node turns "Try it out" on (ui.tryItOut): then requests go to the
// gateway's public URL with the consumer key entered in the authorize dialog (see try-it-out.js).
import {API, seg, token} from './http.js';
import {h, message} from './dom.js';
import {uiSettings, tryItOutFor, gatewayPlugin} from './try-it-out.js';

const ALL_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// The admin token goes to this origin's admin API only, never to the gateway's public URL.
function adminRequest(url) {
  const u = new URL(url, location.href);
  return u.origin === location.origin && u.pathname.startsWith(`${API}/`);
}

export function documentView(api) {
  const view = h('div', {});
  const container = h('div', {class: 'swagger', id: 'swagger'});
  if (typeof window.SwaggerUIBundle !== 'function') {
    return message('error', 'Swagger UI did not load, so the document cannot be shown.');
  }
  uiSettings().then(settings => {
    const target = tryItOutFor(api, settings, location.origin);
    const on = target && target.server;
    if (target && target.reason) {
      view.prepend(message('warning', target.reason));
    } else if (on) {
      view.prepend(h('p', {class: 'muted', id: 'try-it-out-note'}, '"Try it out" sends real requests through the '
        + `gateway at ${target.server}: click Authorize and enter a consumer's API key (X-Api-Key).`));
    }
    window.SwaggerUIBundle({
      domNode: container,
      url: `${API}/apis/${seg(api.id)}/spec`,
      requestInterceptor: request => {
        if (adminRequest(request.url)) {
          request.headers.Authorization = `Bearer ${token()}`;
        }
        return request;
      },
      supportedSubmitMethods: on ? ALL_METHODS : [],
      tryItOutEnabled: false,
      plugins: on ? [gatewayPlugin(target)] : [],
      persistAuthorization: false,
      validatorUrl: null,
      deepLinking: false,
      docExpansion: 'list',
      defaultModelsExpandDepth: -1,
    });
  });
  view.append(container);
  return view;
}
