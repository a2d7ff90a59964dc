#!/usr/bin/env node
'use strict';
// The live target of the capture benchmark (benchmarks/run-capture.sh): a Node process holding a heap whose
// snapshot is about --mb MiB, that then waits and can time its own v8.writeHeapSnapshot of that same heap.
//
//   node --expose-gc --max-old-space-size=4096 --inspect=127.0.0.1:0 capture-target.js [--mb 200] [--seed S]
//
//   --mb N     approximate size of a default snapshot (numeric values not captured) in MiB (default 200;
//              calibrated on Node 20, about 575 request records per MiB)
//   --seed S   deterministic pseudo-random content (default 11)
//
// The heap models an API gateway's in-memory state: a Map of recent requests (request-like objects with
// headers, query objects, strings, arrays of tags and timings, sometimes a parsed JSON body), a Map of user
// sessions, an object used as a dictionary of routes with handler closures, per-route latency arrays, and a
// few Buffers. When it is built (after a full GC) the script prints one JSON line on stdout:
//   {"ready":true,"records":…,"heapUsed":…,"heapTotal":…,"rss":…,"pid":…,"buildMs":…}
//
// Timing its own snapshot, two ways (both do a full GC first, like `leaknb capture`, which collects garbage
// before HeapProfiler.takeHeapSnapshot; both keep the default of not exposing numeric values):
//   - over the inspector: Runtime.evaluate `globalThis.captureBench.writeSnapshot("/path/file.heapsnapshot")`
//     returns {gcMs, writeMs, totalMs, bytes, heapUsed} measured with performance.now() inside this process;
//   - on stdin: a line `write /path/file.heapsnapshot` prints the same object as one JSON line on stdout.
// It needs --expose-gc (it exits with an error otherwise).

const v8 = require('v8');
const fs = require('fs');
const readline = require('readline');
const { performance } = require('perf_hooks');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const MB = Number(arg('mb', 200));
const RECORDS_PER_MIB = 575;
const RECORDS = Math.max(1000, Math.round(MB * RECORDS_PER_MIB));
let seed = Number(arg('seed', 11)) >>> 0 || 11;

if (typeof global.gc !== 'function') {
  console.error('capture-target.js: run node with --expose-gc (the benchmark collects garbage before each snapshot)');
  process.exit(2);
}

function rnd() { // xorshift32: the same heap on every run
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const rint = (n) => Math.floor(rnd() * n);
const pick = (a) => a[rint(a.length)];

const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const RESOURCES = ['orders', 'users', 'products', 'carts', 'invoices', 'reviews', 'shipments', 'coupons'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'okhttp/4.12.0', 'python-requests/2.32.3', 'curl/8.7.1', 'Go-http-client/2.0',
];
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'pt-BR', 'pl-PL'];
const STATUS = [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 409, 500, 503];
const TAGS = ['cached', 'slow', 'retried', 'auth', 'mobile', 'internal', 'canary', 'bulk', 'gzip', 'h2'];

class RequestHeaders {
  constructor(i, user) {
    this.host = 'api.example.internal';
    this['user-agent'] = pick(AGENTS);
    this.accept = 'application/json';
    this['accept-language'] = pick(LOCALES);
    this['x-request-id'] = `${(i * 2654435761 >>> 0).toString(16)}-${rint(1e9).toString(36)}`;
    this['x-user'] = user;
    if (i % 3 === 0) this.authorization = `Bearer ${rint(1e12).toString(36)}.${rint(1e12).toString(36)}`;
  }
}

class RequestRecord {
  constructor(i) {
    const resource = pick(RESOURCES);
    const user = `user-${rint(60000)}`;
    this.id = i;
    this.method = pick(METHODS);
    this.path = `/api/v2/${resource}/${rint(1e6)}`;
    this.query = { page: String(rint(40)), limit: '50', sort: i % 2 ? 'created' : '-updated' };
    this.url = `${this.path}?page=${this.query.page}&limit=50&sort=${this.query.sort}`;
    this.headers = new RequestHeaders(i, user);
    this.startedAt = 1.7e12 + i * 13;
    this.timings = [rnd() * 3, rnd() * 40, rnd() * 5];
    this.status = pick(STATUS);
    this.tags = i % 4 === 0 ? [pick(TAGS), pick(TAGS)] : [pick(TAGS)];
    this.body = this.method === 'POST' || this.method === 'PUT'
      ? { items: [{ sku: `SKU-${rint(99999)}`, qty: 1 + rint(4) }, { sku: `SKU-${rint(99999)}`, qty: 1 }], note: `note ${i}` }
      : null;
    this.user = user;
  }
}

class Session {
  constructor(i) {
    this.userId = `user-${i}`;
    this.token = Buffer.from(`${rint(1e12).toString(36)}${rint(1e12).toString(36)}`);
    this.roles = i % 50 === 0 ? ['admin', 'customer'] : ['customer'];
    this.lastSeen = 1.7e12 + rint(1e9);
    this.preferences = { locale: pick(LOCALES), theme: i % 2 ? 'dark' : 'light', pageSize: 50 };
  }
}

const started = performance.now();
const state = {
  requests: new Map(), // request id -> RequestRecord
  byUser: new Map(), // user -> array of request ids
  sessions: new Map(),
  routes: Object.create(null), // "GET /api/v2/orders" -> { handler, latencies }
  blobs: [],
};
for (let i = 0; i < RECORDS; i++) {
  const r = new RequestRecord(i);
  state.requests.set(r.headers['x-request-id'], r);
  let list = state.byUser.get(r.user);
  if (list === undefined) state.byUser.set(r.user, (list = []));
  list.push(r.id);
  const route = `${r.method} /api/v2/${r.path.split('/')[3]}`;
  let entry = state.routes[route];
  if (entry === undefined) {
    const name = route;
    entry = state.routes[route] = { handler: (req) => `${name} ${req.id}`, latencies: [] };
  }
  if (entry.latencies.length < 5000) entry.latencies.push(r.timings[1]);
  if (i % 8 === 0) state.sessions.set(r.user, new Session(i));
  if (i % 2000 === 0) state.blobs.push(Buffer.alloc(16 * 1024, i & 0xff));
}
global.__captureTargetState = state;
global.gc();

globalThis.captureBench = {
  /** A full GC, then v8.writeHeapSnapshot(file) with default options; times both with performance.now(). */
  writeSnapshot(file) {
    const t0 = performance.now();
    global.gc();
    const t1 = performance.now();
    v8.writeHeapSnapshot(file);
    const t2 = performance.now();
    return {
      gcMs: t1 - t0, writeMs: t2 - t1, totalMs: t2 - t0, bytes: fs.statSync(file).size,
      heapUsed: process.memoryUsage().heapUsed,
    };
  },
};

const mem = process.memoryUsage();
console.log(JSON.stringify({
  ready: true, records: RECORDS, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, rss: mem.rss,
  pid: process.pid, buildMs: Math.round(performance.now() - started),
}));

readline.createInterface({ input: process.stdin, terminal: false }).on('line', (line) => {
  const m = /^write\s+(.+)$/.exec(line.trim());
  if (!m) return;
  try {
    console.log(JSON.stringify(globalThis.captureBench.writeSnapshot(m[1])));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e && e.message || e) }));
  }
});
// Wait for the benchmark (stdin closing does not end the process; the harness kills it).
setInterval(() => {}, 1 << 30);
