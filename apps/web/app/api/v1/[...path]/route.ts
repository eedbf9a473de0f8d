import { type NextRequest } from 'next/server';

// Server-side proxy to the API: the browser stays same-origin and the API token
// (MEMEGRAPH_WEB_TOKEN) never reaches it.
const API_URL = process.env.MEMEGRAPH_API_URL ?? 'http://127.0.0.1:3000';
const TOKEN = process.env.MEMEGRAPH_WEB_TOKEN;

const PASS_HEADERS = ['content-type', 'accept', 'last-event-id'];

async function proxy(req: NextRequest, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await ctx.params;
  const target = new URL(`/v1/${path.map(encodeURIComponent).join('/')}`, API_URL);
  target.search = req.nextUrl.search;
  const headers = new Headers();
  for (const h of PASS_HEADERS) {
    const v = req.headers.get(h);
    if (v) headers.set(h, v);
  }
  if (TOKEN) headers.set('authorization', `Bearer ${TOKEN}`);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  try {
    const res = await fetch(target, {
      method: req.method,
      headers,
      body: hasBody ? req.body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      // A browser that goes away (e.g. closes the alert stream) ends the upstream request too.
      signal: req.signal,
      // Stream uploads through instead of buffering them here.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    const out = new Headers();
    // content-security-policy: the API's SVGs carry "default-src 'none'"; served from this
    // origin they must keep it, so an opened SVG can never run script here.
    for (const h of ['content-type', 'cache-control', 'content-disposition', 'content-security-policy']) {
      const v = res.headers.get(h);
      if (v) out.set(h, v);
    }
    // Server-sent events (GET /alerts/stream) pass straight through, chunk by chunk: the body is
    // never read here, and proxies in front of this app are asked not to buffer or compress it.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      out.set('cache-control', 'no-cache, no-transform');
      out.set('x-accel-buffering', 'no');
    }
    return new Response(res.body, { status: res.status, headers: out });
  } catch {
    return Response.json({ error: { code: 'DEPENDENCY_UNAVAILABLE', message: `the API at ${API_URL} is not answering` } }, { status: 503 });
  }
}

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const PATCH = proxy;
export const DELETE = proxy;
export const dynamic = 'force-dynamic';
