'use strict';
// Feature-flag endpoint: GET /flags?tenant=<id>.
//
// Known leak: each request builds a FeatureFlagClient for the tenant. Its constructor subscribes to the
// process-wide `configBus` so that flags refresh when the configuration is reloaded, and only
// `close()` unsubscribes; the handler never calls it. The emitter's listener array therefore keeps one
// closure per request, and each closure keeps its FeatureFlagClient (and the evaluated flags) alive.
// Somebody silenced the MaxListenersExceededWarning instead of looking for the cause.
//
// Fixed (--fixed): the handler calls client.close() once the response is sent.
const { EventEmitter } = require('node:events');
const { main, sendJson, fixed } = require('./lib/harness');

const configBus = new EventEmitter();
configBus.setMaxListeners(0); // "too many listeners" warnings were noisy in production

const FLAG_NAMES = Array.from({ length: 16 }, (_, i) => `flag_${String(i).padStart(2, '0')}`);

class FeatureFlagClient {
  constructor(tenantId, bus) {
    this.tenantId = tenantId;
    this.bus = bus;
    // Per-tenant rollout buckets, precomputed once per client (one number per flag and user segment).
    this.buckets = Array.from({ length: 96 }, (_, i) => (tenantId * 31 + i * 17) % 100);
    this.flags = this.evaluate({ rolloutPercent: 30 });
    this.evaluationCount = 0;
    this.onConfigChanged = (config) => {
      this.flags = this.evaluate(config);
    };
    bus.on('config-changed', this.onConfigChanged);
  }

  evaluate(config) {
    const flags = {};
    for (let i = 0; i < FLAG_NAMES.length; i++) {
      flags[FLAG_NAMES[i]] = this.buckets[i] < config.rolloutPercent;
    }
    return flags;
  }

  isEnabled(name) {
    this.evaluationCount++;
    return this.flags[name];
  }

  close() {
    this.bus.off('config-changed', this.onConfigChanged);
  }
}

function handler(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method !== 'GET' || url.pathname !== '/flags') {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  const client = new FeatureFlagClient(Number(url.searchParams.get('tenant')), configBus);
  const enabled = FLAG_NAMES.filter((name) => client.isEnabled(name));
  sendJson(res, 200, { tenant: client.tenantId, enabled });
  // Missing: client.close();
  if (fixed) client.close(); // the fix: unsubscribe when the request is done
}

main({
  handler,
  makeRequest: (seq) => ({ path: `/flags?tenant=${5000 + seq}` }),
});
