import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { projectFixture } from './fixtures';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A stand-in for a Go service's /debug/pprof, serving one scenario of the project's fixtures. */
export async function fakePprof(files: Record<string, string>): Promise<LocalServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x');
    const key = `${path.pathname}${path.searchParams.get('debug') ? `?debug=${path.searchParams.get('debug')}` : ''}`;
    const file = files[key] ?? files[path.pathname];
    if (!file) return void res.writeHead(404).end('unknown profile');
    res.writeHead(200).end(readFileSync(projectFixture(file)));
  });
  const url = await listen(server);
  return { url, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver (a sink) that records what it gets. */
export async function recordingSink(status = 200): Promise<LocalServer & { received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body });
      res.writeHead(status).end('ok');
    });
  });
  const url = await listen(server);
  return { url, received, close: () => new Promise((r) => server.close(() => r())) };
}
