import { AppError } from '@memegraph/contracts';
import { readProfile, sniffInput } from './decode';

/**
 * Live capture from a Go service exposing net/http/pprof. The HTTP client is injected (the
 * library does no I/O of its own), every request has its own timeout (the CPU profile's is
 * its duration plus a margin), bodies are read with a size cap, and redirects are never
 * followed: a 3xx is an error, because the caller decides which hosts may be reached and a
 * redirect must not route around that. Kinds fail independently: one refused endpoint does
 * not lose the others.
 */
export type CaptureKind = 'cpu' | 'heap' | 'allocs' | 'goroutine' | 'goroutine-debug2' | 'mutex' | 'block';

export const CAPTURE_KINDS: CaptureKind[] = ['cpu', 'heap', 'allocs', 'goroutine', 'goroutine-debug2', 'mutex', 'block'];

/** File names the CLI writes, by kind. */
export const CAPTURE_FILES: Record<CaptureKind, string> = {
  cpu: 'cpu.pb.gz',
  heap: 'heap.pb.gz',
  allocs: 'allocs.pb.gz',
  goroutine: 'goroutine.pb.gz',
  'goroutine-debug2': 'goroutine.debug2.txt',
  mutex: 'mutex.pb.gz',
  block: 'block.pb.gz',
};

export interface FetchResponseLike {
  status: number;
  type?: string;
  headers: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'manual'; headers: Record<string, string> }) => Promise<FetchResponseLike>;

export interface CaptureOptions {
  /** Base URL of the service ("http://10.0.0.5:6060") or of its pprof index (".../debug/pprof/"). */
  baseUrl: string;
  fetch: FetchLike;
  /** CPU profile duration. Default 10. */
  seconds?: number;
  kinds?: CaptureKind[];
  /** Timeout of each non-CPU request. Default 30 s. */
  timeoutMs?: number;
  /** Added to the CPU profile's duration for its timeout. Default 15 s. */
  cpuMarginMs?: number;
  /** Largest accepted response body. Default 64 MiB. */
  maxBytes?: number;
}

export interface CaptureArtifact {
  kind: CaptureKind;
  url: string;
  bytes: Uint8Array;
  contentType: string;
}

export interface CaptureFailure {
  kind: CaptureKind;
  url: string;
  error: AppError;
}

export interface CaptureResult {
  artifacts: CaptureArtifact[];
  failures: CaptureFailure[];
}

/** The pprof index URL for a base URL; only http(s) is accepted. */
export function pprofIndexUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AppError('BAD_REQUEST', `not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('BAD_REQUEST', `only http and https URLs can be captured, not ${url.protocol}`);
  if (url.username || url.password) throw new AppError('BAD_REQUEST', 'credentials in the URL are not accepted');
  url.search = '';
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/debug/pprof')) path = `${path}/debug/pprof`;
  url.pathname = `${path}/`;
  return url;
}

export function captureUrl(index: URL, kind: CaptureKind, seconds: number): string {
  const path: Record<CaptureKind, string> = {
    cpu: `profile?seconds=${seconds}`,
    heap: 'heap',
    allocs: 'allocs',
    goroutine: 'goroutine',
    'goroutine-debug2': 'goroutine?debug=2',
    mutex: 'mutex',
    block: 'block',
  };
  return new URL(path[kind], index).toString();
}

async function readCapped(res: FetchResponseLike, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('LIMIT_EXCEEDED', `${url} announces ${declared} bytes; the limit is ${maxBytes}`, { limit: 'maxBytes', value: maxBytes });
  }
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length > maxBytes) throw new AppError('LIMIT_EXCEEDED', `${url} sent more than ${maxBytes} bytes`, { limit: 'maxBytes', value: maxBytes });
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('LIMIT_EXCEEDED', `${url} sent more than ${maxBytes} bytes`, { limit: 'maxBytes', value: maxBytes });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A short, printable excerpt of an error body (pprof handlers explain failures in text). */
function excerpt(bytes: Uint8Array): string {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(bytes.subarray(0, 300)).toString('utf8').replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
}

async function captureOne(kind: CaptureKind, url: string, options: Required<Omit<CaptureOptions, 'kinds' | 'baseUrl'>>): Promise<CaptureArtifact> {
  const timeout = kind === 'cpu' ? options.seconds * 1000 + options.cpuMarginMs : options.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    let res: FetchResponseLike;
    try {
      res = await options.fetch(url, { signal: controller.signal, redirect: 'manual', headers: { accept: '*/*' } });
    } catch (err) {
      if (controller.signal.aborted) throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} did not answer within ${timeout} ms`, { reason: 'timeout' });
      throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} could not be fetched: ${(err as Error).message}`, { reason: 'network' });
    }
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} answered with a redirect (${res.status}); redirects are not followed`, {
        reason: 'redirect',
        status: res.status,
        location: res.headers.get('location') ?? undefined,
      });
    }
    const bytes = await readCapped(res, options.maxBytes, url).catch((err: unknown) => {
      if (err instanceof AppError) throw err;
      if (controller.signal.aborted) throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} did not finish within ${timeout} ms`, { reason: 'timeout' });
      throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} failed mid-response: ${(err as Error).message}`, { reason: 'network' });
    });
    if (res.status === 404) throw new AppError('NOT_FOUND', `${url} does not exist (404): is net/http/pprof registered?`, { status: 404 });
    if (res.status < 200 || res.status >= 300) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', `${url} answered ${res.status}: ${excerpt(bytes)}`, { reason: 'status', status: res.status });
    }
    if (bytes.length === 0) throw new AppError('EMPTY_FILE', `${url} sent an empty body`);
    // Check the payload is what the endpoint should serve before anyone stores it.
    if (kind === 'goroutine-debug2') {
      if (sniffInput(bytes) !== 'goroutine-text') throw new AppError('UNSUPPORTED_FORMAT', `${url} did not send a goroutine dump: ${excerpt(bytes)}`);
    } else readProfile(bytes, { maxInputBytes: options.maxBytes });
    return { kind, url, bytes, contentType: res.headers.get('content-type') ?? '' };
  } finally {
    clearTimeout(timer);
  }
}

export async function captureProfiles(options: CaptureOptions): Promise<CaptureResult> {
  const index = pprofIndexUrl(options.baseUrl);
  const seconds = options.seconds ?? 10;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new AppError('BAD_REQUEST', `seconds must be an integer from 1 to 3600, not ${seconds}`);
  const kinds = options.kinds ?? CAPTURE_KINDS;
  const settings = {
    fetch: options.fetch,
    seconds,
    timeoutMs: options.timeoutMs ?? 30_000,
    cpuMarginMs: options.cpuMarginMs ?? 15_000,
    maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
  };
  // All kinds at once: the CPU profile takes `seconds`, the others are quick snapshots.
  const results = await Promise.allSettled(kinds.map((kind) => captureOne(kind, captureUrl(index, kind, seconds), settings)));
  const artifacts: CaptureArtifact[] = [];
  const failures: CaptureFailure[] = [];
  results.forEach((r, i) => {
    const kind = kinds[i]!;
    if (r.status === 'fulfilled') artifacts.push(r.value);
    else {
      const error = r.reason instanceof AppError ? r.reason : new AppError('INTERNAL', String((r.reason as Error)?.message ?? r.reason));
      failures.push({ kind, url: captureUrl(index, kind, seconds), error });
    }
  });
  return { artifacts, failures };
}
