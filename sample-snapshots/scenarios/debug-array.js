'use strict';
// Search endpoint: GET /search?q=<term>&page=<n>.
//
// Known leak: while chasing a latency bug someone added a request log for a /debug/requests page: a
// module-level array that every request pushes a RequestLog onto (method, URL, a copy of the headers,
// timings and a preview of the response). It was meant to be temporary and is never trimmed.
//
// Fixed (--fixed): the log is a ring of the last DEBUG_LOG_MAX requests (all /debug/requests shows).
const { main, sendJson, fixed } = require('./lib/harness');

class RequestLog {
  constructor(seq, req, startedAt) {
    this.seq = seq;
    this.method = req.method;
    this.url = req.url;
    this.headers = { ...req.headers };
    this.startedAt = startedAt;
    this.durationMs = 0;
    this.statusCode = 0;
    this.responsePreview = '';
  }
}

/** Everything /debug/requests can show. Never trimmed. */
const debugRequests = [];
let requestSeq = 0;
const DEBUG_LOG_MAX = 20;
let fakeClock = 0; // deterministic stand-in for performance.now()

const CATALOG = Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Product ${i}`, tags: [`tag${i % 10}`, `tag${i % 7}`] }));

function search(term, page) {
  const hits = CATALOG.filter((p) => p.title.includes(term) || p.tags.includes(term));
  return hits.slice(page * 10, page * 10 + 10);
}

function handler(req, res) {
  const log = new RequestLog(++requestSeq, req, (fakeClock += 3));
  debugRequests.push(log);
  if (fixed && debugRequests.length > DEBUG_LOG_MAX) debugRequests.shift(); // the fix: keep the last N only
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/search') {
    const results = search(url.searchParams.get('q') || '', Number(url.searchParams.get('page') || 0));
    const body = { query: url.searchParams.get('q'), results };
    log.statusCode = 200;
    log.responsePreview = JSON.stringify(body).slice(0, 400);
    log.durationMs = 2;
    sendJson(res, 200, body);
  } else if (req.method === 'GET' && url.pathname === '/debug/requests') {
    sendJson(res, 200, debugRequests.slice(-20));
  } else {
    log.statusCode = 404;
    sendJson(res, 404, { error: 'not found' });
  }
}

main({
  handler,
  makeRequest: (seq) => ({
    path: `/search?q=${seq % 3 === 0 ? `tag${seq % 10}` : `Product ${seq % 200}`.replace(' ', '%20')}&page=0`,
    headers: { 'x-request-id': `req-${String(seq).padStart(6, '0')}`, 'user-agent': 'loadgen/1.0' },
  }),
});
