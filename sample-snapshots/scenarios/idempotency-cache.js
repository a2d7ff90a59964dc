'use strict';
// Payments API: POST /payments with an Idempotency-Key header.
//
// Known leak: replays of the same key must return the first answer, so results are cached in
// `requestCache` by key. The record is meant to expire after 24 h, but no sweeper ever runs, and the
// cached result keeps `originalRequest` (the whole IncomingMessage, "for auditing") and with it the
// raw body Buffer that the body parser hung on it. Every payment adds one IdempotencyRecord, one
// IncomingMessage with its headers, and a ~4.5 KB body for good.
//
// Fixed (--fixed): a record keeps only the response (status and payload), expired records are swept, and
// the store keeps at most MAX_RECORDS keys (oldest evicted first).
const { main, readBody, sendJson, fixed } = require('./lib/harness');

const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

class IdempotencyRecord {
  constructor(key, result, createdAt) {
    this.key = key;
    this.result = result;
    this.createdAt = createdAt;
    this.expiresAt = createdAt + RECORD_TTL_MS; // checked nowhere: the bug
  }
}

/** @type {Map<string, IdempotencyRecord>} */
const requestCache = new Map();
let clock = 1_700_000_000_000; // deterministic stand-in for Date.now()
let nextPaymentId = 1;

// Body parser middleware: keeps the raw bytes on the request, like `express.raw()` or `req.rawBody`.
async function parseBody(req) {
  req.body = await readBody(req);
  return JSON.parse(req.body.toString('utf8'));
}

function chargeCard(payment) {
  return {
    id: `pay_${String(nextPaymentId++).padStart(8, '0')}`,
    status: 'succeeded',
    amount: payment.amount,
    currency: payment.currency,
    customer: payment.customer.id,
  };
}

async function createPayment(req, res) {
  const key = req.headers['idempotency-key'];
  if (!key) {
    sendJson(res, 400, { error: 'Idempotency-Key header is required' });
    return;
  }
  const cached = requestCache.get(key);
  if (cached) {
    sendJson(res, cached.result.statusCode, cached.result.payload);
    return;
  }
  const payment = await parseBody(req);
  const result = { statusCode: 201, payload: chargeCard(payment), originalRequest: req };
  requestCache.set(key, new IdempotencyRecord(key, result, (clock += 1000)));
  sendJson(res, result.statusCode, result.payload);
}

// The fix: cache the answer, not the request, and bound the store (TTL sweep plus a size cap).
const MAX_RECORDS = 100;

function rememberResult(key, result, now) {
  for (const [oldKey, record] of requestCache) {
    if (record.expiresAt > now && requestCache.size < MAX_RECORDS) break; // insertion order: oldest first
    requestCache.delete(oldKey);
  }
  requestCache.set(key, new IdempotencyRecord(key, { statusCode: result.statusCode, payload: result.payload }, now));
}

async function createPaymentFixed(req, res) {
  const key = req.headers['idempotency-key'];
  if (!key) {
    sendJson(res, 400, { error: 'Idempotency-Key header is required' });
    return;
  }
  const now = (clock += 1000);
  const cached = requestCache.get(key);
  if (cached && cached.expiresAt > now) {
    sendJson(res, cached.result.statusCode, cached.result.payload);
    return;
  }
  const payment = await parseBody(req);
  const result = { statusCode: 201, payload: chargeCard(payment) };
  rememberResult(key, result, now);
  sendJson(res, result.statusCode, result.payload);
}

function handler(req, res) {
  if (req.method === 'POST' && req.url === '/payments') {
    (fixed ? createPaymentFixed : createPayment)(req, res).catch((err) => sendJson(res, 500, { error: err.message }));
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
}

function paymentBody(seq) {
  return JSON.stringify({
    amount: 1000 + (seq % 97) * 25,
    currency: 'EUR',
    customer: { id: `cus_${seq}`, email: `buyer${seq}@example.test` },
    description: `Order #${seq}`,
    metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`line_${i}`, `sku-${(seq * 31 + i) % 5000} x ${1 + (i % 3)}`])),
    shipping: { name: `Buyer ${seq}`, address: { line1: `${seq} Loopback Street`, city: 'Localhost', postalCode: '12700' } },
    notes: 'Leave the parcel at the front desk if nobody answers. '.repeat(65),
  });
}

main({
  handler,
  makeRequest: (seq) => ({
    method: 'POST',
    path: '/payments',
    headers: { 'content-type': 'application/json', 'idempotency-key': `idem-${seq}` },
    body: paymentBody(seq),
  }),
});
