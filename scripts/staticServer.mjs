// A small static file server for the browser demo, the browser benchmark and
// the Playwright tests: serves the repository root on localhost with the MIME
// types module scripts and WebAssembly need, and with the cross-origin
// isolation headers (COOP/COEP) that SharedArrayBuffer will need for threads.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What makes a page cross-origin isolated (`crossOriginIsolated`), so that it may share memory with its workers. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Starts serving `root` (default: the repository) on 127.0.0.1:`port`
 * (0 picks a free port). Every response, a 404 too, carries ISOLATION_HEADERS
 * unless `isolated` is false (a test of a page that is not isolated).
 * `headers(url)` may add response headers per request (a test's
 * Content-Security-Policy, say). Resolves to { url, close }.
 */
export async function startServer({ root = repoRoot, port = 0, isolated = true, headers = () => ({}) } = {}) {
  const base = resolve(root);
  const always = isolated ? ISOLATION_HEADERS : {};
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...always,
        'Cache-Control': 'no-store',
        ...headers(new URL(req.url ?? '/', 'http://x')),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...always });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise((ok) => server.close(ok)) };
}
