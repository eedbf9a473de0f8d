import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@memegraph/contracts';

/** Constant-time string comparison that does not leak length through early exit. */
export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  const same = ba.length === bb.length;
  return timingSafeEqual(same ? ba : bb, bb) && same;
}

export const hmacHex = (secret: string, message: Buffer | string) => createHmac('sha256', secret).update(message).digest('hex');

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** Alertmanager cannot sign: it sends `Authorization: Bearer <token>` (http_config.authorization). */
export function verifyBearer(header: string | undefined, token: string): void {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m || !safeEqual(m[1]!, token)) throw unauthenticated('missing or invalid bearer token for this webhook');
}

/**
 * Grafana's HMAC: hex HMAC-SHA256 of the body (or of `timestamp:body` when Grafana is
 * configured with a timestamp header), in X-Grafana-Alerting-Signature.
 */
export function verifyGrafanaSignature(rawBody: Buffer, signature: string | undefined, secret: string, timestamp?: string, toleranceSec = 300, now = Date.now()): void {
  if (!signature) throw unauthenticated('missing X-Grafana-Alerting-Signature');
  let message: Buffer = rawBody;
  if (timestamp !== undefined) {
    checkFreshness(timestamp, toleranceSec, now);
    message = Buffer.concat([Buffer.from(`${timestamp}:`), rawBody]);
  }
  if (!safeEqual(signature.toLowerCase(), hmacHex(secret, message))) throw unauthenticated('Grafana signature does not match the body');
}

/**
 * The generic webhook: `X-Memegraph-Timestamp: <unix seconds>` and
 * `X-Memegraph-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
 * The timestamp must be within the tolerance; the caller also refuses a signature seen before.
 */
export function verifyGenericSignature(rawBody: Buffer, signature: string | undefined, timestamp: string | undefined, secret: string, toleranceSec = 300, now = Date.now()): void {
  if (!signature || !timestamp) throw unauthenticated('missing X-Memegraph-Signature or X-Memegraph-Timestamp');
  checkFreshness(timestamp, toleranceSec, now);
  const expected = `sha256=${hmacHex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), rawBody]))}`;
  if (!safeEqual(signature.toLowerCase(), expected)) throw unauthenticated('signature does not match the body');
}

/** Signs an outgoing body the same way (used by our own generic sink). */
export function signGeneric(body: string, secret: string, now = Date.now()): { timestamp: string; signature: string } {
  const timestamp = String(Math.floor(now / 1000));
  return { timestamp, signature: `sha256=${hmacHex(secret, `${timestamp}.${body}`)}` };
}

function checkFreshness(timestamp: string, toleranceSec: number, now: number): void {
  const ts = Number(timestamp);
  if (!/^\d{9,11}$/.test(timestamp) || !Number.isFinite(ts)) throw unauthenticated('timestamp must be unix seconds');
  if (Math.abs(now / 1000 - ts) > toleranceSec) throw unauthenticated(`timestamp outside the ${toleranceSec} s window (replay or clock skew)`);
}
