import { signGeneric } from './signatures';

export interface SinkMessage {
  alertId: string;
  incidentId?: string;
  alertName: string;
  service?: string;
  status: string;
  topClassId?: string;
  topConfidence?: number;
  title?: string;
  meme?: { symbol: string; caption: string };
  runbook: string[];
  link?: string;
}

export type PostFn = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

export interface SinkResult {
  sink: 'slack' | 'webhook';
  ok: boolean;
  attempts: number;
  error?: string;
}

/** Slack-compatible incoming-webhook body: text plus blocks. */
export function slackBody(m: SinkMessage): string {
  const pct = m.topConfidence !== undefined ? ` (${Math.round(m.topConfidence * 100)}%)` : '';
  const head = `${m.meme ? `${m.meme.symbol} ` : ''}*${m.alertName}*${m.service ? ` on \`${m.service}\`` : ''}: ${m.topClassId ? `${m.title ?? m.topClassId}${pct}` : 'no known cause matched'}`;
  const steps = m.runbook.slice(0, 3).map((s, i) => `${i + 1}. ${s}`).join('\n');
  return JSON.stringify({
    text: head,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: head } },
      ...(m.meme ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: m.meme.caption }] }] : []),
      ...(steps ? [{ type: 'section', text: { type: 'mrkdwn', text: steps } }] : []),
      ...(m.link ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${m.link}|Open in memegraph>` }] }] : []),
    ],
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST with retries and exponential backoff; 2xx is success, 4xx other than 429 is final. */
export async function deliver(sink: SinkResult['sink'], post: PostFn, url: string, headers: Record<string, string>, body: string, opts = { attempts: 4, baseDelayMs: 500, timeoutMs: 5_000 }): Promise<SinkResult> {
  let lastError = '';
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    try {
      const res = await post(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(opts.timeoutMs) });
      if (res.status >= 200 && res.status < 300) return { sink, ok: true, attempts: attempt };
      lastError = `HTTP ${res.status}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return { sink, ok: false, attempts: attempt, error: lastError };
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (attempt < opts.attempts) await sleep(opts.baseDelayMs * 2 ** (attempt - 1));
  }
  return { sink, ok: false, attempts: opts.attempts, error: lastError };
}

/** The generic sink's body, signed like our inbound generic webhook so receivers can verify it. */
export function signedWebhook(m: SinkMessage, secret: string | undefined, now = Date.now()): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ type: 'memegraph.alert.enriched', ...m });
  if (!secret) return { headers: {}, body };
  const { timestamp, signature } = signGeneric(body, secret, now);
  return { headers: { 'x-memegraph-timestamp': timestamp, 'x-memegraph-signature': signature }, body };
}
