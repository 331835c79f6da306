// A small HTTP service around a Doudi release folder, with Node's own http module and nothing else.
// See docs/release.md.
//
//   doudi compile policies/shanghai/shanghai.doudi --target js --out vendor/shanghai
//   node docs/examples/release-service/server.mjs vendor/shanghai 8080
//
//   POST /evaluate        {"household": {…}, "date": "2024-07-01", "sets": {"cpi_yoy": "3.8%"}}
//                         → 200 {"outputs": {…}}   or 422 {"errors": [{"field", "reason"}]}
//   POST /evaluate-batch  {"households": [{…}, …], "date": …, "sets": …}
//                         → 200 {"results": [{"outputs"} | {"errors"}, …]}, one per household, in order
//   GET  /policy          the release's manifest: policy, dates, compiler, hashes
//   GET  /health          {"ok": true}
//
// Port 0 picks a free port. The service prints "listening on http://127.0.0.1:PORT" once it is ready.
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [dir, port = '8080'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node server.mjs RELEASE-FOLDER [PORT]\n');
  process.exit(2);
}

// The manifest names the module and its hash: refuse to serve a module that is not the one compiled.
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const entry = path.join(dir, manifest.entry);
const listed = manifest.files.find((f) => f.name === manifest.entry);
const actual = createHash('sha256').update(fs.readFileSync(entry)).digest('hex');
if (!listed || listed.sha256 !== actual) {
  process.stderr.write(`${entry} does not match manifest.json: it was changed after it was compiled\n`);
  process.exit(1);
}
const policy = await import(pathToFileURL(path.resolve(entry)).href);

const LIMIT = { evaluate: 1 << 20, batch: 64 << 20 };
const BATCH_RECORDS = 100_000;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request's JSON body, or an error response already sent (undefined). */
async function body(req, res, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) {
      send(res, 413, { errors: [{ field: '', reason: `the body is over ${limit} bytes` }] });
      req.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    send(res, 400, { errors: [{ field: '', reason: 'the body must be a JSON object' }] });
  } catch (e) {
    send(res, 400, { errors: [{ field: '', reason: `the body is not JSON: ${e.message}` }] });
  }
  return undefined;
}

const options = (b) => ({ date: b.date, sets: b.sets ?? {} });

const server = http.createServer(async (req, res) => {
  try {
    const route = `${req.method} ${new URL(req.url, 'http://localhost').pathname}`;
    if (route === 'GET /health') return send(res, 200, { ok: true });
    if (route === 'GET /policy') return send(res, 200, manifest);
    if (route === 'POST /evaluate') {
      const b = await body(req, res, LIMIT.evaluate);
      if (!b) return;
      const r = policy.evaluateRecord(b.household, options(b));
      return send(res, 'errors' in r ? 422 : 200, r);
    }
    if (route === 'POST /evaluate-batch') {
      const b = await body(req, res, LIMIT.batch);
      if (!b) return;
      if (!Array.isArray(b.households)) return send(res, 400, { errors: [{ field: 'households', reason: 'must be a list of households' }] });
      if (b.households.length > BATCH_RECORDS) return send(res, 413, { errors: [{ field: 'households', reason: `at most ${BATCH_RECORDS} per request` }] });
      return send(res, 200, { results: policy.evaluateRecords(b.households, options(b)) });
    }
    const known = ['/health', '/policy', '/evaluate', '/evaluate-batch'].includes(new URL(req.url, 'http://localhost').pathname);
    return send(res, known ? 405 : 404, { errors: [{ field: '', reason: known ? `${req.method} is not allowed here` : 'no such endpoint' }] });
  } catch (e) {
    // The module does not throw for bad records; anything here is a fault of the service itself.
    process.stderr.write(`${e.stack ?? e}\n`);
    if (!res.headersSent) send(res, 500, { errors: [{ field: '', reason: 'internal error' }] });
  }
});

server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port} (${manifest.policy.id}, doudi ${manifest.compiler.version})\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
