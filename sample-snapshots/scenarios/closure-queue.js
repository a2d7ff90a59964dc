'use strict';
// Order intake: POST /orders with a JSON order (customer + a dozen line items).
//
// Known leak: after accepting an order we e-mail a receipt. When the mail gateway is down (it is, for
// the whole run) the send is queued as a closure in the module-level `retryQueue`, to be retried by a
// worker that only drains the queue once the gateway reports healthy again, which never happens.
// The retry closure only uses the receipt address and the order number, but V8 gives all closures
// created in one scope a single shared context: the `finish` listener in the same function reads
// `order`, so `order` lives in that context, and the queued closure keeps the whole parsed
// OrderPayload (with every line item) alive.
//
// Fixed (--fixed): the retry queue holds plain { email, orderNumber } records and keeps at most
// MAX_PENDING_RECEIPTS of them, and the `finish` listener reads a copied line count instead of `order`,
// so no long-lived closure shares a context with the parsed order.
const { main, readBody, sendJson, fixed } = require('./lib/harness');

class OrderPayload {
  constructor(json) {
    this.orderNumber = json.orderNumber;
    this.customer = json.customer;
    this.lines = json.lines;
    this.shippingAddress = json.shippingAddress;
    this.giftMessage = json.giftMessage;
  }

  total() {
    return this.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  }
}

/** Jobs waiting for the mail gateway: () => Promise<void>. */
const retryQueue = [];
const mailGateway = { healthy: false };
const metrics = { ordersAccepted: 0, linesAccepted: 0 };

function sendReceipt(to, orderNumber) {
  if (!mailGateway.healthy) return Promise.reject(new Error('mail gateway unavailable'));
  return Promise.resolve(`receipt for ${orderNumber} sent to ${to}`);
}

// The worker that would drain the queue; it is only scheduled when the gateway reports healthy.
async function drainRetryQueue() {
  while (mailGateway.healthy && retryQueue.length > 0) {
    const job = retryQueue.shift();
    await job().catch(() => retryQueue.push(job));
  }
}

async function createOrder(req, res) {
  const order = new OrderPayload(JSON.parse(await readBody(req)));
  const email = order.customer.email;
  const orderNumber = order.orderNumber;

  res.on('finish', () => {
    metrics.ordersAccepted++;
    metrics.linesAccepted += order.lines.length;
  });

  try {
    await sendReceipt(email, orderNumber);
  } catch {
    // Looks harmless: only `email` and `orderNumber` are used here.
    retryQueue.push(() => sendReceipt(email, orderNumber));
  }
  sendJson(res, 202, { orderNumber, totalCents: order.total(), receipt: 'queued' });
}

// The fix: copy what outlives the request out of the order, and queue data, not closures, in a bounded queue.
const MAX_PENDING_RECEIPTS = 50;
const pendingReceipts = [];

async function createOrderFixed(req, res) {
  const order = new OrderPayload(JSON.parse(await readBody(req)));
  const email = order.customer.email;
  const orderNumber = order.orderNumber;
  const lineCount = order.lines.length;

  res.on('finish', () => {
    metrics.ordersAccepted++;
    metrics.linesAccepted += lineCount;
  });

  try {
    await sendReceipt(email, orderNumber);
  } catch {
    pendingReceipts.push({ email, orderNumber });
    if (pendingReceipts.length > MAX_PENDING_RECEIPTS) pendingReceipts.shift(); // oldest dropped (and logged, in real life)
  }
  sendJson(res, 202, { orderNumber, totalCents: order.total(), receipt: 'queued' });
}

function handler(req, res) {
  if (req.method === 'POST' && req.url === '/orders') {
    (fixed ? createOrderFixed : createOrder)(req, res).catch((err) => sendJson(res, 500, { error: err.message }));
  } else if (req.method === 'POST' && req.url === '/admin/mail-gateway/healthy') {
    mailGateway.healthy = true;
    drainRetryQueue();
    sendJson(res, 200, { queued: retryQueue.length });
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
}

function orderBody(seq) {
  return JSON.stringify({
    orderNumber: `ORD-${String(seq).padStart(7, '0')}`,
    customer: { id: seq, name: `Customer ${seq}`, email: `customer${seq}@example.test` },
    lines: Array.from({ length: 12 }, (_, i) => ({
      sku: `SKU-${(seq * 7 + i) % 900}`,
      quantity: 1 + (i % 4),
      unitPriceCents: 199 + ((seq + i) % 50) * 100,
    })),
    shippingAddress: { street: `${seq} Queue Lane`, city: 'Loopback', zip: '12700' },
    giftMessage: `Happy birthday from order ${seq}!`,
  });
}

main({
  handler,
  makeRequest: (seq) => ({
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json' },
    body: orderBody(seq),
  }),
});
