'use strict';
// Profile service: GET /users/:id/profile.
//
// Known leak: `userCache` memoises profile lookups in a module-level Map keyed by user id and nothing
// ever evicts from it. Every request in the load rounds asks for a user we have not seen before, so
// each request adds one UserProfile (plus its roles, preferences and notes) for good.
//
// Fixed (--fixed): the cache is bounded; past PROFILE_CACHE_MAX entries the oldest one is evicted.
const { main, sendJson, fixed } = require('./lib/harness');

class UserProfile {
  constructor(row) {
    this.id = row.id;
    this.displayName = row.display_name;
    this.email = row.email;
    this.roles = row.roles;
    this.preferences = row.preferences;
    this.recentOrderIds = row.recent_order_ids;
    this.notes = row.notes;
  }

  toJSON() {
    return { id: this.id, displayName: this.displayName, roles: this.roles, theme: this.preferences.theme };
  }
}

/** @type {Map<string, UserProfile>} */
const userCache = new Map();

// Stands in for the database: returns the row as JSON text, the way a driver hands back a jsonb column.
function fetchUserRow(userId) {
  const n = Number(userId.slice(1));
  return JSON.stringify({
    id: userId,
    display_name: `User ${n}`,
    email: `user${n}@example.test`,
    roles: n % 7 === 0 ? ['member', 'admin'] : ['member'],
    preferences: { theme: n % 2 ? 'dark' : 'light', locale: 'en-US', digest: n % 3 === 0 },
    recent_order_ids: Array.from({ length: 48 }, (_, i) => n * 100 + i),
    notes: `Account ${n} notes: prefers e-mail contact, ships to the default address. `.repeat(6),
  });
}

function getUserProfile(userId) {
  let profile = userCache.get(userId);
  if (profile === undefined) {
    profile = new UserProfile(JSON.parse(fetchUserRow(userId)));
    userCache.set(userId, profile);
  }
  return profile;
}

// The fix: a bounded cache. A Map iterates in insertion order, so its first key is the oldest entry.
const PROFILE_CACHE_MAX = 50;

function getUserProfileBounded(userId) {
  let profile = userCache.get(userId);
  if (profile === undefined) {
    profile = new UserProfile(JSON.parse(fetchUserRow(userId)));
    userCache.set(userId, profile);
    while (userCache.size > PROFILE_CACHE_MAX) {
      userCache.delete(userCache.keys().next().value);
    }
  }
  return profile;
}

function handler(req, res) {
  const match = /^\/users\/(u\d+)\/profile$/.exec(req.url);
  if (req.method !== 'GET' || !match) {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  sendJson(res, 200, fixed ? getUserProfileBounded(match[1]) : getUserProfile(match[1]));
}

main({
  handler,
  makeRequest: (seq) => ({ path: `/users/u${100000 + seq}/profile` }),
});
