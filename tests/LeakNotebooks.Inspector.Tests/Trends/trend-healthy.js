// The same work as trend-leak.js, but the cache is bounded (the 20 newest records), so once it is full (after
// 0.4 s) the heap returns to the same floor after each forced GC.
'use strict';

const sessions = new Map();
let next = 0;
let sink = null;

function retainSessionRecord(id) {
  const record = { id, createdAt: Date.now(), history: new Array(5000).fill(id) };
  sessions.set(id, record);
  if (sessions.size > 20) {
    sessions.delete(sessions.keys().next().value);
  }
}

function buildTemporaryReport(id) {
  const rows = [];
  for (let i = 0; i < 100; i++) {
    rows.push({ id, i, text: 'row ' + i + ' of ' + id });
  }
  sink = JSON.stringify(rows);
}

setInterval(() => {
  retainSessionRecord(next++);
  buildTemporaryReport(next);
  if (next % 12 === 0) {
    global.gc();
  }
}, 20);

globalThis.sessionCount = () => sessions.size;
globalThis.ticks = () => next;
globalThis.lastReportLength = () => (sink === null ? 0 : sink.length);
