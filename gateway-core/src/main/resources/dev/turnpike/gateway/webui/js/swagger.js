// An API's OpenAPI document rendered by Swagger UI (from its webjar, loaded by index.html), read-only:
// "Try it out" is off, and the document is fetched from the admin API with the session's token.
import {API, seg, token} from './http.js';
import {h, message} from './dom.js';

export function documentView(apiId) {
  const container = h('div', {class: 'swagger', id: 'swagger'});
  if (typeof window.SwaggerUIBundle !== 'function') {
    return message('error', 'Swagger UI did not load, so the document cannot be shown.');
  }
  window.SwaggerUIBundle({
    domNode: container,
    url: `${API}/apis/${seg(apiId)}/spec`,
    requestInterceptor: request => {
      request.headers.Authorization = `Bearer ${token()}`;
      return request;
    },
    supportedSubmitMethods: [],
    tryItOutEnabled: false,
    validatorUrl: null,
    deepLinking: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: -1,
  });
  return container;
}
