// The admin API, same origin. The token lives in sessionStorage only: never in a URL, gone with the tab.
const TOKEN_KEY = 'turnpike.adminToken';
export const API = '/admin/v1';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** An error answer of the admin API: its status and problem+json fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type || '';
    this.errors = problem.errors || [];
  }

  /** Whether the entity changed since it was read (If-Match failed). */
  get conflict() {
    return this.status === 412;
  }
}

/**
 * Calls the admin API. Answers {body, etag}; throws ApiError for a non-2xx answer. A 401 also fires
 * 'turnpike:unauthorized' so the page can ask for a token again.
 */
export async function call(method, path, {body, ifMatch} = {}) {
  const headers = {Accept: 'application/json'};
  const t = token();
  if (t) {
    headers.Authorization = `Bearer ${t}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  const response = await fetch(API + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store', credentials: 'omit',
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = {detail: text};
    }
  }
  if (!response.ok) {
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('turnpike:unauthorized'));
    }
    throw new ApiError(response.status, parsed || {});
  }
  return {body: parsed, etag: response.headers.get('ETag')};
}

export async function get(path) {
  return (await call('GET', path)).body;
}

/** A query string from the non-empty entries of params. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The path segment for an id. */
export function seg(id) {
  return encodeURIComponent(id);
}
