// A service that leaks: every tick adds a LeakyThing to a module-level Map that is never trimmed.
// BULK=N pre-fills N extra objects so snapshots are large enough to be interrupted mid-stream.
'use strict';

class LeakyThing {
  constructor(n) {
    this.n = n;
    this.payload = 'leaky-' + n + '-' + 'x'.repeat(64);
  }
}

const leaks = new Map();
let next = 0;
for (let i = 0; i < 200; i++) {
  leaks.set(next, new LeakyThing(next));
  next++;
}

// Kept on the global object: a module-level array that no closure uses would be collected.
const bulk = (globalThis.bulk = []);
const bulkCount = Number(process.env.BULK || 0);
for (let i = 0; i < bulkCount; i++) {
  bulk.push({ index: i, label: 'bulk-' + i });
}

setInterval(() => {
  for (let i = 0; i < 5; i++) {
    leaks.set(next, new LeakyThing(next));
    next++;
  }
}, 20);

globalThis.leakCount = () => leaks.size;
console.log('ready ' + process.pid);
