// A service that does not leak: a small ring buffer that overwrites its oldest entry.
'use strict';

class Request {
  constructor(n) {
    this.n = n;
    this.body = 'request-' + n;
  }
}

const ring = new Array(50);
let next = 0;
setInterval(() => {
  ring[next % ring.length] = new Request(next);
  next++;
}, 20);

console.log('ready ' + process.pid);
