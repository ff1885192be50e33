// "Try it out" through the gateway: the node's settings (/ui/settings.json), and the API's document as the gateway
// serves it, for Swagger UI: one server (the gateway's public URL + the API's base path) and the gateway's API key
// scheme (X-Api-Key) on every operation, so the authorize dialog asks for the consumer's key.

/** The name of the API key scheme added when the document has no header scheme for X-Api-Key. */
export const KEY_SCHEME = 'turnpikeApiKey';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let loaded = null;

/** The node's web catalog settings: {tryItOut, publicUrl, allowedOrigins}, fetched once per page. */
export function uiSettings() {
  if (!loaded) {
    loaded = fetch('/ui/settings.json', {cache: 'no-store', credentials: 'omit'})
      .then(r => (r.ok ? r.json() : {tryItOut: false}))
      .catch(() => ({tryItOut: false}));
  }
  return loaded;
}

/**
 * Whether and how an API can be tried from this page: {server, keyRequired} or {reason} (why not), or null when
 * "Try it out" is off on this node.
 */
export function tryItOutFor(api, settings, pageOrigin) {
  if (!settings.tryItOut) {
    return null;
  }
  const publicUrl = new URL(settings.publicUrl);
  if (api.host && api.host.toLowerCase() !== publicUrl.hostname.toLowerCase()) {
    return {reason: `"Try it out" is not offered here: this API answers only on host ${api.host}, and the `
      + `gateway's public URL for this page is ${settings.publicUrl}.`};
  }
  if (!(settings.allowedOrigins || []).includes(pageOrigin)) {
    return {reason: `"Try it out" is on, but the gateway does not answer CORS for this page's origin ${pageOrigin}, `
      + 'so the browser would block its calls. Open the catalog at '
      + `${(settings.allowedOrigins || []).join(' or ') || 'an allowed origin'}, or add ${pageOrigin} to `
      + 'cors.allowedOrigins.'};
  }
  const base = api.basePath === '/' ? '' : api.basePath;
  return {server: settings.publicUrl + base, keyRequired: !(api.policies && api.policies.publicAccess)};
}

function keySchemeName(schemes) {
  const found = Object.entries(schemes || {}).find(([, s]) => s && s.type === 'apiKey' && s.in === 'header'
    && String(s.name).toLowerCase() === 'x-api-key');
  return found ? found[0] : null;
}

// A required key joins every alternative requirement; an optional one (a public API) is one more alternative.
function withKey(requirements, name, keyRequired) {
  const alternatives = requirements && requirements.length ? requirements : [{}];
  return keyRequired ? alternatives.map(r => ({...r, [name]: []})) : [...alternatives, {[name]: []}];
}

const KEY_SCHEME_DEFINITION = {
  type: 'apiKey', in: 'header', name: 'X-Api-Key',
  description: 'Your consumer API key: the gateway identifies callers by it.',
};

/** The parsed document (OpenAPI 3.x or Swagger 2.0) as the gateway serves it at `server`; a changed copy. */
export function gatewayDocument(doc, {server, keyRequired}) {
  const d = structuredClone(doc);
  let schemes;
  if (d.swagger) {
    const url = new URL(server);
    d.host = url.host;
    d.schemes = [url.protocol.replace(':', '')];
    d.basePath = url.pathname || '/';
    d.securityDefinitions = d.securityDefinitions || {};
    schemes = d.securityDefinitions;
  } else {
    d.servers = [{url: server, description: 'Turnpike gateway'}];
    d.components = d.components || {};
    d.components.securitySchemes = d.components.securitySchemes || {};
    schemes = d.components.securitySchemes;
  }
  let name = keySchemeName(schemes);
  if (!name) {
    name = KEY_SCHEME;
    schemes[name] = KEY_SCHEME_DEFINITION;
  }
  d.security = withKey(d.security, name, keyRequired);
  Object.values(d.paths || {}).forEach(item => {
    if (!item || typeof item !== 'object') {
      return;
    }
    delete item.servers;
    METHODS.filter(m => item[m]).forEach(m => {
      delete item[m].servers;
      if (item[m].security) {
        item[m].security = withKey(item[m].security, name, keyRequired);
      }
    });
  });
  return d;
}

/** A Swagger UI plugin that shows every document it loads as the gateway serves it. */
export function gatewayPlugin(target) {
  return () => ({
    statePlugins: {
      spec: {
        wrapActions: {
          updateJsonSpec: original => json => original(json && typeof json === 'object'
            ? gatewayDocument(json, target) : json),
        },
      },
    },
  });
}
