'use strict';
// Tiny app behind the format fixtures: a session store that keeps 200 Session objects in a Map.
// It exists to produce small snapshots from other Node versions and capture options, not to leak.
//
//   node tiny-app.js OUT.heapsnapshot            v8.writeHeapSnapshot after a full GC
//   node tiny-app.js OUT.heapsnapshot --track    in-process inspector session (from a worker thread attached
//                                                to the main thread) with allocation tracking on
//                                                (HeapProfiler.startTrackingHeapObjects {trackAllocations: true}),
//                                                snapshot streamed through HeapProfiler.addHeapSnapshotChunk
//   node tiny-app.js OUT.heapsnapshot --track-same-thread
//                                                the same with a same-thread Session; makes an inconsistent file
//                                                (see takeTrackedSnapshotSameThread), not committed
const fs = require('node:fs');
const v8 = require('node:v8');

class Session {
  constructor(id) {
    this.id = `s${id}`;
    this.user = `user-${id}@example.test`;
    this.scopes = id % 2 ? ['read', 'write'] : ['read'];
    this.lastSeen = new Array(16).fill(id);
  }
}

const sessions = new Map();

function createSessions(count) {
  for (let i = 0; i < count; i++) {
    const session = new Session(i);
    sessions.set(session.id, session);
  }
}

function post(session, method, params = {}) {
  return new Promise((resolve, reject) => {
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

// The inspector client runs in a worker attached to the main thread (Session.connectToMainThread).
// With a same-thread Session the chunk callbacks run JavaScript on the tracked isolate while V8 is
// still serializing, new functions get recorded, and the file ends up with more trace_function_infos
// than its header's trace_function_count says (DevTools' loader then throws on it).
async function trackerWorker() {
  const { parentPort, workerData } = require('node:worker_threads');
  const inspector = require('node:inspector');
  // A pending inspector reply does not keep a worker's event loop alive; a listening port does.
  const allocated = new Promise((resolve) => parentPort.once('message', resolve));
  const session = new inspector.Session();
  session.connectToMainThread();
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
  parentPort.postMessage('tracking');
  await allocated; // main thread has made its sessions
  const keepAlive = setInterval(() => {}, 1000);
  const chunks = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (message) => chunks.push(message.params.chunk));
  await post(session, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  fs.writeFileSync(workerData.out, chunks.join(''));
  session.disconnect();
  clearInterval(keepAlive);
  parentPort.postMessage('written');
}

// Same capture with a same-thread Session: reproduces the inconsistent file described above. Not used
// for the committed fixtures; kept so parser robustness tests can make one on demand.
async function takeTrackedSnapshotSameThread(out) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
  createSessions(200);
  const chunks = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (message) => chunks.push(message.params.chunk));
  await post(session, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  fs.writeFileSync(out, chunks.join(''));
  session.disconnect();
}

async function takeTrackedSnapshot(out) {
  const { Worker } = require('node:worker_threads');
  const worker = new Worker(__filename, { workerData: { out } });
  let failed = null;
  worker.on('error', (err) => (failed = err));
  const next = () => new Promise((resolve, reject) => {
    const onExit = (code) => reject(failed || new Error(`tracker worker exited with code ${code}`));
    worker.once('exit', onExit);
    worker.once('message', (message) => {
      worker.off('exit', onExit);
      resolve(message);
    });
  });
  await next(); // tracking is on
  createSessions(200);
  worker.postMessage('snapshot');
  await next(); // file written
  await worker.terminate();
}

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node tiny-app.js OUT.heapsnapshot [--track]');
  if (process.argv.includes('--track')) {
    await takeTrackedSnapshot(out);
  } else if (process.argv.includes('--track-same-thread')) {
    await takeTrackedSnapshotSameThread(out);
  } else {
    createSessions(200);
    if (typeof global.gc === 'function') global.gc();
    v8.writeHeapSnapshot(out);
  }
  process.stderr.write(`wrote ${out} (node ${process.version}, ${sessions.size} sessions)\n`);
}

const run = require('node:worker_threads').isMainThread ? main : trackerWorker;
run().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
