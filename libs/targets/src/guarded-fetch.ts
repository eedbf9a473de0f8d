import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '@memegraph/contracts';
import { allowedAddresses, checkTarget, hostAllowed, type TargetPolicy } from './target-policy';

export interface GuardedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface GuardedFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/**
 * GET a URL under the target policy. The connection goes only to addresses the policy
 * allows (checked on the resolved IP, so DNS cannot point us elsewhere), redirects are
 * never followed (a 3xx is returned as is), and bodies are capped.
 */
export async function guardedGet(policy: TargetPolicy, raw: string, opts: GuardedFetchOptions): Promise<GuardedResponse> {
  const url = checkTarget(policy, raw);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const byName = !isIP(url.hostname.replace(/^\[|\]$/g, '')) && hostAllowed(policy, url.hostname, port);
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const ok = allowedAddresses(policy, byName, addresses, port);
      if (ok.length === 0) return callback(Object.assign(new Error(`resolved address of ${hostname} is not allowed`), { code: 'EFORBIDDEN' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof ok) => void)(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', lookup, timeout: opts.timeoutMs, signal: opts.signal, headers: { 'user-agent': 'memegraph-capture/0.1' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes && !tooBig) {
          tooBig = true;
          reject(new AppError('LIMIT_EXCEEDED', `response from ${url.host} is larger than ${opts.maxBytes} bytes`));
          req.destroy();
        }
        if (!tooBig) chunks.push(c);
      });
      res.on('end', () =>
        !tooBig &&
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new AppError('DEPENDENCY_UNAVAILABLE', `no answer from ${url.host} within ${opts.timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EFORBIDDEN') reject(new AppError('FORBIDDEN', err.message));
      else reject(err);
    });
    req.end();
  });
}

/**
 * The same guard as a fetch-compatible function for libraries that take an injected fetch
 * (the pprof capture module). Only GET is supported, which is all capture needs.
 */
export function guardedFetch(policy: TargetPolicy, opts: Omit<GuardedFetchOptions, 'signal'>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const res = await guardedGet(policy, url, { ...opts, signal: init?.signal ?? undefined });
    return new Response(res.status >= 200 && res.status !== 204 && res.status !== 304 ? new Uint8Array(res.body) : null, {
      status: res.status,
      headers: res.headers,
    });
  }) as typeof fetch;
}
