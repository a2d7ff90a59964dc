'use strict';
// A small HTTP service with a known leak, for live sessions (leaknb three-snapshot, capture, watch).
//
//   node --inspect=127.0.0.1:0 sample-snapshots/live/profile-service.js [PORT]
//
// GET /profiles/<id> returns a user profile. Known leak: profiles are memoised in a module-level Map
// (`profileCache`) that never evicts, so every new id keeps a UserProfile (with its roles, preferences and
// notes) for the life of the process. GET /health answers without touching the cache.
// Prints "listening on http://127.0.0.1:<port>" once it accepts requests.
const http = require('node:http');

class UserProfile {
  constructor(id) {
    this.id = id;
    this.name = `User ${id}`;
    this.email = `user${id}@example.com`;
    this.roles = ['customer', id % 7 === 0 ? 'admin' : 'member'];
    this.preferences = { theme: id % 2 ? 'dark' : 'light', locale: 'en-US', digest: 'weekly' };
    this.notes = `Customer since ${2000 + (id % 25)}. `.repeat(8);
  }
}

/** Every profile ever loaded. Never evicted. */
const profileCache = new Map();

function loadProfile(id) {
  let profile = profileCache.get(id);
  if (!profile) {
    profile = new UserProfile(id);
    profileCache.set(id, profile);
  }
  return profile;
}

const server = http.createServer((req, res) => {
  const match = /^\/profiles\/(\d+)$/.exec(req.url);
  if (match) {
    const profile = loadProfile(Number(match[1]));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: profile.id, name: profile.name }));
  } else if (req.url === '/health') {
    res.end('ok');
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
