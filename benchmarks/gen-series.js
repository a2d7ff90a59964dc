#!/usr/bin/env node
'use strict';
// Writes a three-snapshot series (baseline, target, final) of ONE Node process that leaks, so node ids are
// comparable across the three files, as `leaknb find-leaks` and `memlab find-leaks` expect.
//
//   node --max-old-space-size=4000 gen-series.js --out DIR [--users N] [--requests N] [--seed S]
//
//   --out DIR       where to write baseline/target/final.heapsnapshot (created if missing)
//   --users N       size of the service's steady state (default 33500: the snapshots are ~94, ~100 and ~106 MiB)
//   --requests N    requests handled between two snapshots (default 4000)
//   --seed S        deterministic pseudo-random content (default 7)
//
// The process models an order service. Before `baseline` it loads its steady state (users, a product
// catalogue, sessions, an order archive, routes with handler closures, a bounded LRU of recent orders) and
// handles warm-up traffic. Then it handles --requests requests, takes `target`, handles as many more and
// takes `final`. Each request:
//   - makes churn that dies before the next snapshot: parsed bodies, temporary arrays, strings, a response
//     Buffer that is only sometimes kept;
//   - replaces entries of the bounded LRU (objects allocated after baseline that die before final: not leaks);
//   - LEAKS: a CachedResponse (with its RequestContext, headers and a Buffer body) in `responseCache`, a Map
//     keyed by the full URL, query string included, that is never evicted;
//   - LEAKS every 8th request: a 'config' listener on the service's EventEmitter whose closure keeps the
//     request's RequestContext alive (a listener registered per request and never removed).
// Expected finding: CachedResponse / RequestContext (and their headers, Buffers, closures) grow by
// --requests objects (listeners: --requests / 8) per round; everything else is flat.
//
// Prints one line per snapshot (file, size, heap) and one JSON line at the end with the expected counts.

const v8 = require('v8');
const fs = require('fs');
const path = require('path');
const { EventEmitter } = require('events');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const outDir = arg('out', null);
if (!outDir) {
  console.error('gen-series.js: --out DIR is required');
  process.exit(2);
}
const USERS = Number(arg('users', 33500));
const REQUESTS = Number(arg('requests', 4000));
let seed = Number(arg('seed', 7)) >>> 0 || 7;

function rnd() { // xorshift32: same content on every run
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const rint = (n) => Math.floor(rnd() * n);
const pick = (a) => a[rint(a.length)];
const CITIES = ['Lisbon', 'Oslo', 'Austin', 'Osaka', 'Lagos', 'Lima', 'Perth', 'Gdansk', 'Quebec', 'Pune'];
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'pt-BR', 'pl-PL'];
const CATEGORIES = ['books', 'garden', 'kitchen', 'toys', 'audio', 'office', 'sports', 'tools', 'pets'];
const ADJ = ['compact', 'durable', 'classic', 'wireless', 'organic', 'heavy-duty', 'portable', 'smart'];
const NOUN = ['kettle', 'lamp', 'speaker', 'notebook', 'drill', 'backpack', 'blender', 'chair', 'leash'];
const ROLES = ['customer', 'admin', 'support', 'beta', 'wholesale'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1)',
  'okhttp/4.12.0', 'curl/8.5.0', 'Go-http-client/2.0'];

// ---- the service's steady state --------------------------------------------------------------------------
class Address {
  constructor() {
    this.street = (1 + rint(400)) + ' ' + pick(ADJ) + ' street';
    this.city = pick(CITIES);
    this.zip = String(10000 + rint(89999));
  }
}
class User {
  constructor(id) {
    this.id = id;
    this.handle = 'u' + id.toString(36) + '_' + pick(NOUN);
    this.email = this.handle + '@mail.example.com';
    this.createdAt = new Date(1600000000000 + id * 60000);
    this.roles = rnd() < 0.9 ? ['customer'] : ['customer', pick(ROLES)];
    this.profile = { displayName: 'User ' + id, locale: pick(LOCALES), avatarUrl: '/avatars/' + id + '.png' };
    this.addresses = [new Address()];
    if (rnd() < 0.3) this.addresses.push(new Address());
    this.stats = { logins: rint(500), lastSeen: 1700000000000 + rint(1e9), score: rnd() };
  }
}
class Product {
  constructor(id) {
    this.sku = 'SKU-' + id.toString(16).padStart(6, '0');
    this.title = pick(ADJ) + ' ' + pick(NOUN) + ' ' + id;
    this.category = pick(CATEGORIES);
    this.priceCents = 100 + rint(50000);
    this.tags = [pick(ADJ), pick(CATEGORIES)];
    this.stock = { warehouse: pick(CITIES), units: rint(1000) };
  }
}
class LineItem {
  constructor(product, qty) {
    this.product = product;
    this.qty = qty;
    this.totalCents = product.priceCents * qty;
  }
}
class Order {
  constructor(id, user, catalog) {
    this.id = 'ord_' + id.toString(36);
    this.user = user;
    const n = 1 + rint(3);
    this.items = [];
    for (let k = 0; k < n; k++) this.items.push(new LineItem(pick(catalog), 1 + rint(4)));
    this.status = pick(['placed', 'paid', 'shipped', 'delivered']);
    this.placedAt = new Date(1700000000000 + id * 1000);
    this.shipTo = user.addresses[0];
  }
}
class Session {
  constructor(user) {
    this.sid = 'sess_' + rint(2 ** 31).toString(36) + user.id.toString(36);
    this.user = user;
    this.csrf = Buffer.alloc(32, user.id & 0xff);
    this.cart = [];
    this.expiresAt = Date.now() + 3600e3;
  }
}
// A bounded least-recently-used cache: old entries really are evicted.
class LruCache {
  constructor(capacity) { this.capacity = capacity; this.map = new Map(); }
  get(key) {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value);
  }
}

// ---- per-request objects ------------------------------------------------------------------------------------
class RequestContext {
  constructor(n, user, route) {
    this.requestId = 'req-' + n.toString(36) + '-' + rint(2 ** 31).toString(36);
    this.method = route.method;
    this.url = route.path.replace(':id', String(user.id)) + '?page=' + (n % 7) + '&rid=' + n;
    this.headers = {
      host: 'orders.internal', 'user-agent': pick(AGENTS), accept: 'application/json',
      'x-request-id': this.requestId, 'x-forwarded-for': '10.' + rint(255) + '.' + rint(255) + '.' + rint(255),
    };
    this.user = user;
    this.route = route;
    this.startedAt = process.hrtime.bigint();
    this.timings = { parse: 0, handler: 0, serialize: 0 };
  }
}
class CachedResponse {
  constructor(ctx, status, body) {
    this.ctx = ctx;
    this.status = status;
    this.headers = { 'content-type': 'application/json', 'content-length': String(body.length), etag: 'W/"' + ctx.requestId + '"' };
    this.body = body;
    this.storedAt = Date.now();
  }
}

const state = {
  users: new Map(),
  catalog: [],
  sessions: new Map(),
  archive: [],
  // capacity below one round of requests: orders made after baseline are all evicted again by final
  recentOrders: new LruCache(Math.max(100, Math.floor(REQUESTS * 3 / 4))),
  routes: [],
  responseCache: new Map(), // the leak: keyed by full URL, never evicted
  bus: new EventEmitter(),  // the other leak: one 'config' listener per 8 requests, never removed
  metrics: { requests: 0, hits: 0, bytes: 0 },
};
state.bus.setMaxListeners(0);
globalThis.orderService = state;

function buildSteadyState() {
  for (let p = 0; p < Math.max(200, USERS / 8); p++) state.catalog.push(new Product(p));
  for (let id = 0; id < USERS; id++) {
    const user = new User(id);
    state.users.set(id, user);
    if (id % 2 === 0) { const s = new Session(user); state.sessions.set(s.sid, s); }
    state.archive.push(new Order(id, user, state.catalog));
  }
  const paths = ['/users/:id', '/users/:id/orders', '/orders/:id', '/catalog/:id', '/cart/:id', '/search'];
  for (const p of paths) {
    for (const method of ['GET', 'POST']) {
      const counters = { calls: 0, errors: 0 };
      state.routes.push({ method, path: p, counters, handler: (ctx) => { counters.calls++; return ctx.url.length; } });
    }
  }
}

let orderSeq = 1e6;
function handleRequest(n) {
  const user = state.users.get(rint(USERS));
  const route = pick(state.routes);
  const ctx = new RequestContext(n, user, route);
  // churn: request body parsing, a search over the catalogue, a response; all garbage after the request
  const raw = JSON.stringify({ q: pick(NOUN), page: n % 7, filters: [pick(CATEGORIES), pick(ADJ)], user: user.id });
  const parsed = JSON.parse(raw);
  const hits = [];
  for (let k = 0; k < 12; k++) {
    const p = state.catalog[rint(state.catalog.length)];
    if (p.category === parsed.filters[0] || k < 4) hits.push({ sku: p.sku, title: p.title, price: p.priceCents });
  }
  route.handler(ctx);
  const body = Buffer.from(JSON.stringify({ user: user.handle, hits }));
  // bounded LRU of recent orders: entries made now are evicted within a few thousand requests
  const order = new Order(orderSeq++, user, state.catalog);
  state.recentOrders.set(order.id, order);
  state.recentOrders.get(state.archive[rint(state.archive.length)].id);
  // the leak: every response is cached under its full URL (the query string makes every key unique)
  state.responseCache.set(ctx.url, new CachedResponse(ctx, 200, body));
  if (n % 8 === 0) {
    state.bus.on('config', function onConfigChanged(cfg) { ctx.timings.configVersion = cfg.version; });
  }
  state.metrics.requests++;
  state.metrics.bytes += body.length;
  return hits.length;
}

function snapshot(name) {
  const file = path.join(outDir, name + '.heapsnapshot');
  const t0 = Date.now();
  v8.writeHeapSnapshot(file + '.tmp');
  fs.renameSync(file + '.tmp', file);
  const mib = fs.statSync(file).size / 1048576;
  const mem = process.memoryUsage();
  console.log(`${name}: ${file} ${mib.toFixed(1)} MiB in ${((Date.now() - t0) / 1000).toFixed(1)} s ` +
    `(heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MB, cached responses ${state.responseCache.size}, ` +
    `config listeners ${state.bus.listenerCount('config')})`);
  return mib;
}

function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  buildSteadyState();
  let n = 0;
  // warm-up: fills the LRU and the caches' steady parts; its cached responses are in all three snapshots
  for (const end = n + 4000; n < end; n++) handleRequest(n);
  console.log(`steady state built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${USERS} users, ` +
    `${state.catalog.length} products, ${state.sessions.size} sessions`);
  const sizes = {};
  sizes.baseline = snapshot('baseline');
  for (const end = n + REQUESTS; n < end; n++) handleRequest(n);
  sizes.target = snapshot('target');
  for (const end = n + REQUESTS; n < end; n++) handleRequest(n);
  sizes.final = snapshot('final');
  console.log(JSON.stringify({
    users: USERS, requests_per_round: REQUESTS, seed: Number(arg('seed', 7)),
    mib: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    expected: {
      leaked_classes: ['CachedResponse', 'RequestContext'],
      growth_per_round: { CachedResponse: REQUESTS, RequestContext: REQUESTS, config_listeners: REQUESTS / 8 },
      not_leaks: 'Order/LineItem in recentOrders (bounded LRU, evicted); per-request churn',
    },
  }));
}
main();
