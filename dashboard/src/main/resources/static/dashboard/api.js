// Calls the gateway's /api with the signed-in user's bearer token; keeps the token in sessionStorage only.

const TOKEN_KEY = 'yjs.dashboard.token';

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodeClaims(token);
  if (!claims || (claims.exp && claims.exp * 1000 <= Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  const claimed = Array.isArray(claims.roles) ? claims.roles : (claims.roles ? [claims.roles] : []);
  // Tokens say PANEL_CHAIR; the views name roles as panel-chair.
  const roles = claimed.map(role => String(role).toLowerCase().replace(/^role_/, '').replace(/_/g, '-'));
  return {token, user: claims.preferred_username || claims.sub || 'signed in', roles};
}

export async function signIn(username, password) {
  const response = await fetch('../auth/token', {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
    body: new URLSearchParams({username, password}),
  });
  if (!response.ok) {
    throw new ApiError(response.status, response.status === 401 || response.status === 400
      ? 'The user name or password is not right.' : await problemText(response));
  }
  const body = await response.json();
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  return session();
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** GET /api/<path> as JSON; throws ApiError with the problem's detail when refused. */
export async function getJson(path, params, headers = {}) {
  const response = await call(path, params, {...headers, Accept: 'application/json'});
  return response.json();
}

/** GET /api/<path> as a file (a Blob) and the file name the server suggests. */
export async function getFile(path, params, fallbackName) {
  const response = await call(path, params, {Accept: 'text/csv'});
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return {blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : fallbackName};
}

async function call(path, params, headers) {
  const current = session();
  if (!current) throw new ApiError(401, 'Your session has ended. Sign in again.');
  const query = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)) : '';
  const response = await fetch('../api/' + path + query, {headers: {...headers, Authorization: 'Bearer ' + current.token}});
  if (response.status === 401) {
    signOut();
    window.dispatchEvent(new CustomEvent('yjs:signed-out'));
  }
  if (!response.ok) {
    let problem = null;
    const text = await problemText(response, p => { problem = p; });
    throw new ApiError(response.status, text, problem);
  }
  return response;
}

async function problemText(response, keep = () => {}) {
  try {
    const problem = await response.json();
    keep(problem);
    const fields = (problem.errors || []).map(e => `${e.field}: ${e.message ?? e.detail ?? ''}`).join('; ');
    return [problem.detail || problem.title || `HTTP ${response.status}`, fields].filter(Boolean).join(' ');
  } catch {
    return `HTTP ${response.status}`;
  }
}

function decodeClaims(token) {
  try {
    const payload = token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    const json = decodeURIComponent(atob(payload).split('').map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}
