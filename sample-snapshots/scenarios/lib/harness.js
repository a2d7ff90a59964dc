'use strict';
// Shared driver for the leak scenarios.
//
// A scenario is an ordinary `http` request handler plus a function that describes the n-th request.
// The driver starts the server on 127.0.0.1:<ephemeral port>, sends the requests to itself over
// loopback one at a time, and takes the three snapshots of the three-snapshot technique:
//
//   warm-up round -> gc -> baseline.heapsnapshot
//   load round 1  -> gc -> target.heapsnapshot
//   load round 2  -> gc -> final.heapsnapshot
//
// With --fixed after OUTDIR the scenario applies its fix (see `fixed` below); the sequence is the same.
//
// Everything is sequential and counted, so each run leaks the same number of objects. After every
// round the client agent is destroyed and we wait until the server has no open connections, so no
// socket, parser or in-flight request is alive when a snapshot is taken.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const DEFAULT_WARMUP = 30;
const DEFAULT_ROUND = 300;

// `node --expose-gc <scenario>.js OUTDIR --fixed` runs the scenario with its bug fixed (the fix its
// expected.json describes), for comparing the leaking series with a healthy one. Without the switch
// every scenario behaves exactly as when its committed snapshots were taken.
const cliArgs = process.argv.slice(2);
const fixed = cliArgs.includes('--fixed');
const positionalArgs = cliArgs.filter((arg) => !arg.startsWith('--'));

/**
 * Reads the whole request body into one Buffer, the way body-parsing middleware does, and removes its
 * listeners afterwards so the request does not keep the chunk list alive.
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const onData = (chunk) => chunks.push(chunk);
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err) => {
      cleanup();
      reject(err);
    };
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function sendJson(res, statusCode, value) {
  const text = JSON.stringify(value);
  res.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function send(agent, port, { method = 'GET', path: requestPath, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const allHeaders = { ...headers };
    if (body !== undefined) allHeaders['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers: allHeaders, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode >= 400) {
          reject(new Error(`${method} ${requestPath} answered ${res.statusCode}: ${Buffer.concat(chunks)}`));
        } else {
          resolve(res.statusCode);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

async function waitForNoConnections(server) {
  for (let i = 0; i < 2000; i++) {
    const open = await new Promise((resolve, reject) =>
      server.getConnections((err, count) => (err ? reject(err) : resolve(count))));
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('server connections did not close within 10 s');
}

// Called from the event loop rather than from inside runScenario, so the scenario's own closures are
// not on the stack while V8 walks the heap; otherwise "(Stack roots)" becomes the shortest way to
// everything and the retainer paths start with harness frames instead of the server.
function writeSnapshot(file, done) {
  v8.writeHeapSnapshot(file);
  process.stderr.write(`wrote ${file}\n`);
  done();
}

/**
 * Runs one scenario end to end and exits the process.
 * @param {object} options
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} options.handler
 * @param {(seq: number) => {method?: string, path: string, headers?: object, body?: string}} options.makeRequest
 *   describes request number `seq` (0-based, counted across all rounds, so every request is new)
 * @param {number} [options.warmup] requests before the baseline snapshot
 * @param {number} [options.perRound] requests in each of the two load rounds
 */
async function runScenario({ handler, makeRequest, warmup = DEFAULT_WARMUP, perRound = DEFAULT_ROUND }) {
  if (typeof global.gc !== 'function') {
    throw new Error('run with `node --expose-gc <scenario>.js OUTDIR` (global.gc is needed before each snapshot)');
  }
  const unknown = cliArgs.filter((arg) => arg.startsWith('--') && arg !== '--fixed');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (usage: node --expose-gc <scenario>.js OUTDIR [--fixed])`);
  const outDir = positionalArgs[0];
  if (!outDir) throw new Error('usage: node --expose-gc <scenario>.js OUTDIR [--fixed]');
  if (fixed) process.stderr.write('running with the fix applied (--fixed)\n');
  fs.mkdirSync(outDir, { recursive: true });

  const server = http.createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  let seq = 0;
  async function round(count) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < count; i++) {
      await send(agent, port, makeRequest(seq++));
    }
    agent.destroy();
    await waitForNoConnections(server);
  }

  async function snapshot(name) {
    // Let close/finish callbacks of the last request run, then collect twice so objects that
    // only became garbage through weak callbacks of the first pass are gone as well.
    for (let i = 0; i < 3; i++) await tick();
    global.gc();
    await tick();
    global.gc();
    const file = path.join(outDir, `${name}.heapsnapshot`);
    await new Promise((resolve) => setImmediate(writeSnapshot, file, resolve));
  }

  await round(warmup);
  await snapshot('baseline');
  await round(perRound);
  await snapshot('target');
  await round(perRound);
  await snapshot('final');

  await new Promise((resolve) => server.close(resolve));
  // Some scenarios leak timers on purpose; those would keep the event loop alive forever.
  process.exit(0);
}

function main(options) {
  runScenario(options).catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  });
}

module.exports = {
  main,
  readBody,
  sendJson,
  /** True when the scenario was started with --fixed: it must then apply the fix from its expected.json. */
  fixed,
};
