// Plain JavaScript (with JSDoc types) so the demo script can use it without a TypeScript loader.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.png': 'image/png',
};

/**
 * Serves a folder on 127.0.0.1, for fixture pages and the demo. A `headers.json` in the folder
 * (`{ "page.html": { "header-name": "value" } }`) adds response headers per file, e.g. a strict
 * Content-Security-Policy that a `<meta>` tag cannot fully express.
 * @param {string} folder absolute path
 * @param {number} [port] 0 picks a free port
 * @param {Record<string, (response: import('node:http').ServerResponse) => void>} [routes] paths answered by a function instead of a file (the bench's streamed frame)
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function startStaticServer(folder, port = 0, routes = {}) {
  const headersFile = join(folder, 'headers.json');
  /** @type {Record<string, Record<string, string>>} */
  const extraHeaders = existsSync(headersFile) ? JSON.parse(readFileSync(headersFile, 'utf8')) : {};
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const route = routes[path];
    if (route) return route(response);
    const file = join(folder, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...extraHeaders[path.replace(/^[/\\]/, '')],
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // or close() waits on the browser's keep-alive sockets
        server.close(() => resolve(undefined));
      }),
  };
}
