import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny in-memory web site on 127.0.0.1 (a free port) for the link checker's tests and
 * benchmark: never an outside address. Each path answers with a fixed page, or a handler for
 * redirects, slow answers, 429s and the like; unknown paths are 404.
 */

/** A fixed answer: HTML by default. */
export interface StaticRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A route: a fixed answer, or a function writing the response itself. */
export type Route = StaticRoute | ((req: IncomingMessage, res: ServerResponse) => void);

/** A running local site. */
export interface LocalSite {
  /** Origin with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Requests per "METHOD path" (e.g. "HEAD /a.png"). */
  hits: Map<string, number>;
  /** Most requests in flight at once so far. */
  maxInFlight: () => number;
  close(): Promise<void>;
}

/** Serves `routes` (path with query → route) until close(). */
export async function serveSite(
  routes: Record<string, Route> | ((path: string) => Route | undefined),
): Promise<LocalSite> {
  const hits = new Map<string, number>();
  let inFlight = 0;
  let most = 0;
  const lookup = typeof routes === 'function' ? routes : (p: string) => routes[p];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const key = `${req.method ?? 'GET'} ${path}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    inFlight++;
    most = Math.max(most, inFlight);
    res.on('close', () => inFlight--);
    const route = lookup(path);
    if (typeof route === 'function') return route(req, res);
    const r = route ?? { status: 404, body: '<!doctype html><title>404</title>' };
    const body = r.body ?? '';
    res.writeHead(r.status ?? 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...r.headers,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    maxInFlight: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal HTML page with `body` inside <body>. */
export function page(body: string, head = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${head}<title>测试</title></head><body>${body}</body></html>`;
}
