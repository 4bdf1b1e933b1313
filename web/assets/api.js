// Calls to the server's web API (/api/v1/web/...). Writes carry the session's CSRF token;
// failures become ApiError with the server's code and sentence.
const kBase = '/api/v1/web/';
let csrfToken = '';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function setCsrf(token) {
  csrfToken = token || '';
}

// Called when the session is gone (401 on a call other than the first): the app shows sign-in.
let onSignedOut = () => {};
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

function query(params) {
  const entries = Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

async function call(method, path, {params, json, body, headers = {}, raw = false, quiet401 = false} = {}) {
  const init = {method, credentials: 'same-origin', headers: {...headers}, cache: 'no-store'};
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrfToken;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  let answer;
  try {
    answer = await fetch(kBase + path + query(params), init);
  } catch (e) {
    throw new ApiError(0, 'network', '', undefined);
  }
  if (!answer.ok) {
    let error = {};
    try {
      error = (await answer.json()).error || {};
    } catch (e) { /* not JSON */ }
    if (answer.status === 401 && !quiet401) onSignedOut();
    throw new ApiError(answer.status, error.code || `http_${answer.status}`, error.message || '', error.field);
  }
  if (raw) return answer;
  const text = await answer.text();
  return text ? JSON.parse(text) : {};
}

export const api = {
  session: () => call('GET', 'session', {quiet401: true}),
  login: (email, password) => call('POST', 'login', {json: {email, password}, quiet401: true}),
  logout: () => call('POST', 'logout'),
  account: () => call('GET', 'account'),
  // Everything the server holds about the account (`user export`), as the raw answer.
  accountExport: () => call('GET', 'account/export', {raw: true}),
  unlink: (deviceId) => call('POST', 'devices/unlink', {json: {device_id: deviceId}}),
  changes: (since) => call('GET', 'changes', {params: {since}}),
  classes: () => call('GET', 'classes'),
  gradebook: (classId, termId) => call('GET', 'gradebook', {params: {class: classId, term: termId}}),
  putMark: (mark) => call('PUT', 'mark', {json: mark}),
  attendance: (classId, date) => call('GET', 'attendance', {params: {class: classId, date}}),
  putAttendance: (record) => call('PUT', 'attendance', {json: record}),
  journal: (classId) => call('GET', 'journal', {params: {class: classId}}),
  addJournal: (entry) => call('POST', 'journal', {json: entry}),
  putJournal: (entry) => call('PUT', 'journal', {json: entry}),
  students: (classId) => call('GET', 'students', {params: {class: classId}}),
  putStudent: (student) => call('PUT', 'student', {json: student}),
  // Report card comments of a class for a term ('' the whole year), and the class's school.
  comments: (classId, termId) => call('GET', 'comments', {params: {class: classId, term: termId}}),
  putComment: (comment) => call('PUT', 'comment', {json: comment}),
  putClass: (fields) => call('PUT', 'class', {json: fields}),
  pictureUrl: (studentId) => `${kBase}picture${query({student: studentId})}`,
  resources: (classId) => call('GET', 'resources', {params: {class: classId}}),
  resourceUrl: (id) => `${kBase}resource${query({id})}`,
  uploadResource: (classId, file) => call('POST', 'resources', {
    params: {class: classId, name: file.name},
    body: file,
    headers: {'Content-Type': file.type || 'application/octet-stream'},
  }),
  // table: 'journal_entry' or 'resource'.
  deleteRecord: (table, id) => call('POST', 'delete', {json: {table, id}}),
  undeleteRecord: (table, id) => call('POST', 'undelete', {json: {table, id}}),
  conflicts: () => call('GET', 'conflicts'),
  restoreConflict: (id) => call('POST', 'conflicts/restore', {json: {id}}),
};
