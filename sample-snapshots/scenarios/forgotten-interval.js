'use strict';
// Report exports: POST /exports starts an export job and answers 202 with the job id.
//
// Known leak: every job starts a status poller with setInterval (every 15 s it would push progress to
// the job's subscribers). The export itself finishes right away, and the code that should clear the
// interval only runs from the poller's own "done" branch, after the first tick, which the test never
// reaches, and in production a race skips it. Nobody keeps the interval handle, so nothing can clear
// it: Node's timer list keeps each Timeout, its callback closure, and through it the ExportJob with
// its 2 KB output buffer.
//
// Fixed (--fixed): the poller's handle is kept and cleared as soon as the job is done.
const { main, readBody, sendJson, fixed } = require('./lib/harness');

const POLL_INTERVAL_MS = 15_000;
let nextJobId = 1;

class ExportJob {
  constructor(id, request) {
    this.id = id;
    this.format = request.format;
    this.reportName = request.report;
    this.state = 'running';
    this.rowsWritten = 0;
    this.output = Buffer.alloc(2048); // staging buffer for the rendered report
    this.progress = [];
  }

  run() {
    // Stand-in for rendering the report: fills part of the staging buffer.
    const header = `${this.reportName}.${this.format} job ${this.id}\n`;
    this.rowsWritten = this.output.write(header.repeat(8));
    this.progress.push(this.rowsWritten);
    this.state = 'done';
  }
}

function startStatusPoller(job) {
  setInterval(() => {
    job.progress.push(job.rowsWritten);
    if (job.state === 'done') {
      // Would call clearInterval here, but the handle was never stored.
    }
  }, POLL_INTERVAL_MS);
}

async function createExport(req, res) {
  const request = JSON.parse(await readBody(req));
  const job = new ExportJob(nextJobId++, request);
  startStatusPoller(job);
  job.run();
  sendJson(res, 202, { jobId: job.id, state: job.state });
}

// The fix: keep the handle, and clear the interval when the job finishes.
function startStatusPollerFixed(job) {
  const handle = setInterval(() => {
    job.progress.push(job.rowsWritten);
    if (job.state === 'done') clearInterval(handle);
  }, POLL_INTERVAL_MS);
  return handle;
}

async function createExportFixed(req, res) {
  const request = JSON.parse(await readBody(req));
  const job = new ExportJob(nextJobId++, request);
  const poller = startStatusPollerFixed(job);
  job.run();
  if (job.state === 'done') clearInterval(poller);
  sendJson(res, 202, { jobId: job.id, state: job.state });
}

function handler(req, res) {
  if (req.method === 'POST' && req.url === '/exports') {
    (fixed ? createExportFixed : createExport)(req, res).catch((err) => sendJson(res, 500, { error: err.message }));
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
}

main({
  handler,
  makeRequest: (seq) => ({
    method: 'POST',
    path: '/exports',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ report: `sales-${seq % 12}`, format: seq % 2 ? 'csv' : 'xlsx' }),
  }),
});
