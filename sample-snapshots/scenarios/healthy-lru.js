'use strict';
// Control scenario (no leak): GET /products/:id served through a bounded LRU cache.
//
// Same shape as unbounded-map-cache (a module-level Map, one new key per request, a sizeable value per
// entry), but the cache holds at most 50 entries and evicts the least recently used one. Memory is
// flat once the cache is full: after each load round it holds the last 50 products of that round.
const { main, sendJson } = require('./lib/harness');

class LruCache {
  constructor(maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = new Map(); // insertion order = recency order
    this.evictions = 0;
  }

  get(key) {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      this.entries.delete(oldest);
      this.evictions++;
    }
  }
}

class ProductRecord {
  constructor(row) {
    this.id = row.id;
    this.title = row.title;
    this.priceCents = row.price_cents;
    this.categories = row.categories;
    this.stockByWarehouse = row.stock_by_warehouse;
    this.description = row.description;
  }
}

const productCache = new LruCache(50);

function fetchProductRow(productId) {
  const n = Number(productId.slice(1));
  return JSON.stringify({
    id: productId,
    title: `Product ${n}`,
    price_cents: 499 + (n % 40) * 100,
    categories: n % 5 === 0 ? ['garden', 'outdoor'] : ['home'],
    stock_by_warehouse: Array.from({ length: 48 }, (_, i) => (n * 13 + i) % 90),
    description: `Product ${n}: sturdy, washable, ships in recycled packaging. `.repeat(6),
  });
}

function getProduct(productId) {
  let product = productCache.get(productId);
  if (product === undefined) {
    product = new ProductRecord(JSON.parse(fetchProductRow(productId)));
    productCache.set(productId, product);
  }
  return product;
}

function handler(req, res) {
  const match = /^\/products\/(p\d+)$/.exec(req.url);
  if (req.method !== 'GET' || !match) {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  const product = getProduct(match[1]);
  sendJson(res, 200, { id: product.id, title: product.title, priceCents: product.priceCents });
}

main({
  handler,
  makeRequest: (seq) => ({ path: `/products/p${100000 + seq}` }),
});
