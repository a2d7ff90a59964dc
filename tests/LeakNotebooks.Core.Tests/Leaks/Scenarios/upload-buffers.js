'use strict';
// Test scenario for the external-memory detector (run by LeakSuspectTests, not bundled as a sample).
//
// Upload endpoint: POST /upload with a ~16 KB body. Known leak: a "recent uploads" list kept for a retry
// feature stores a copy of every body as a Buffer and is never trimmed, so the process's arrayBuffers
// grow by 16 KB per request while the JS heap barely moves.
const path = require('node:path');
const { main, readBody, sendJson } = require(path.join(process.env.LEAKNB_HARNESS_DIR, 'harness'));

/** Bodies kept "for retries". Never trimmed. */
const recentUploads = [];

async function handler(req, res) {
  const body = await readBody(req);
  recentUploads.push(Buffer.from(body));
  sendJson(res, 201, { stored: body.length });
}

main({
  handler,
  makeRequest: (seq) => ({
    method: 'POST',
    path: '/upload',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.alloc(16 * 1024, seq % 251),
  }),
});
