// A service stand-in whose session cache never evicts: every 20 ms it keeps a ~40 kB record in a Map, allocates
// ~100 kB of short-lived garbage, and every 250 ms forces a full GC (needs --expose-gc), so the heap draws a
// sawtooth whose floor rises by about 2 MB/s.
'use strict';

const sessions = new Map();
let next = 0;
let sink = null;

function retainSessionRecord(id) {
  const record = { id, createdAt: Date.now(), history: new Array(5000).fill(id) };
  sessions.set(id, record);
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
