import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { ErrorKind } from './links.model.js';

/**
 * The link checker's HTTP client: plain node:http/https with keep-alive agents (much cheaper per
 * request than fetch), one request per call, no redirect following (the checker follows them to
 * record the chain), a hard timeout over connection, headers and body, and failures mapped to an
 * ErrorKind.
 */

/** A response; `body` is the decoded page when it was asked for. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
}

/** A request that produced no HTTP status. */
export class RequestError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Options of one request. */
export interface RequestOptions {
  method: 'HEAD' | 'GET';
  timeoutMs: number;
  /** Read and return the body (decompressed), up to `maxBytes`. */
  readBody: boolean;
  maxBytes: number;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
/** Bytes of an unwanted body drained to keep the connection, before giving it up. */
const DRAIN_LIMIT = 256 * 1024;

/** Maps a Node network error to the kind shown in findings. */
export function classifyError(err: unknown): ErrorKind {
  if (err instanceof RequestError) return err.kind;
  const code = String((err as NodeJS.ErrnoException | undefined)?.code ?? '');
  if (DNS_CODES.has(code)) return 'dns';
  if (code.startsWith('HPE_')) return 'protocol';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  if (code === 'ERR_INVALID_URL' || code === 'ERR_UNESCAPED_CHARACTERS') return 'invalid_url';
  return 'connection';
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

/** Keep-alive HTTP(S) client shared by one crawl; close() frees its sockets. */
export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    private readonly userAgent: string,
    socketsPerHost: number,
  ) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: socketsPerHost,
      maxFreeSockets: socketsPerHost,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  /** Sends one request; rejects with a RequestError-classifiable error when no status comes back. */
  request(url: URL, options: RequestOptions): Promise<HttpResponse> {
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let req: http.ClientRequest | undefined;
      const timer = setTimeout(() => {
        finish(new RequestError('timeout', `超过 ${options.timeoutMs} 毫秒未响应`));
        req?.destroy();
      }, options.timeoutMs);
      const finish = (err: Error | null, value?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else if (value) resolve(value);
      };
      try {
        req = lib.request(url, {
          method: options.method,
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          headers: {
            'user-agent': this.userAgent,
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            'accept-encoding': options.readBody ? 'gzip, deflate, br' : 'identity',
          },
        });
      } catch (err) {
        finish(new RequestError(classifyError(err), String(err)));
        return;
      }
      const sent = req;
      sent.on('error', (err) => finish(err));
      sent.on('response', (res) => this.onResponse(sent, res, options, finish));
      sent.end();
    });
  }

  private onResponse(
    req: http.ClientRequest,
    res: IncomingMessage,
    options: RequestOptions,
    finish: (err: Error | null, value?: HttpResponse) => void,
  ): void {
    const status = res.statusCode ?? 0;
    const wantBody = options.readBody && status >= 200 && status < 300;
    const chunks: Buffer[] = [];
    let bytes = 0;
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (wantBody && bytes <= options.maxBytes) chunks.push(chunk);
      else if (!wantBody && bytes > DRAIN_LIMIT) {
        // Not worth reading a large unwanted body: give up the socket instead.
        finish(null, { status, headers: res.headers, body: null });
        req.destroy();
      } else if (wantBody && bytes > options.maxBytes) {
        finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) });
        req.destroy();
      }
    });
    res.on('end', () => {
      if (!wantBody) return finish(null, { status, headers: res.headers, body: null });
      try {
        const body = decompress(Buffer.concat(chunks), res.headers['content-encoding']);
        finish(null, { status, headers: res.headers, body });
      } catch {
        finish(new RequestError('protocol', '无法解压响应内容'));
      }
    });
    res.on('error', (err) => finish(err));
    res.on('aborted', () => finish(new RequestError('connection', '连接中断')));
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
