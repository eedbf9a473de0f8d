#!/usr/bin/env node
/* global process, console, URL, fetch, Buffer */
// First-load JavaScript per page, gzipped: every /_next/static/*.js a page's HTML references
// (script tags and the chunks its RSC payload names), fetched from the running server as a
// browser would. The noModule polyfill (legacy browsers only) is left out, and so are lazy
// chunks (import() on a page, e.g. mermaid on /alerts/[id], cytoscape on /graph): a page does
// not load them until it needs them.
//
//   node apps/web/scripts/first-load-js.mjs http://127.0.0.1:3001 / /alerts/<id> /graph …
import { gzipSync } from 'node:zlib';

const [base, ...routes] = process.argv.slice(2);
if (!base || routes.length === 0) {
  console.error('usage: first-load-js.mjs BASE_URL ROUTE...');
  process.exit(2);
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

for (const route of routes) {
  const html = await (await fetch(new URL(route, base))).text();
  const legacy = new Set([...html.matchAll(/<script[^>]*src="(\/_next\/static\/[^"]+\.js)"[^>]*noModule/gi)].map((m) => m[1]));
  const chunks = [...new Set([...html.matchAll(/\/_next\/static\/[\w./-]+?\.js/g)].map((m) => m[0]))].filter((c) => !legacy.has(c));
  let raw = 0;
  let gz = 0;
  for (const c of chunks) {
    const res = await fetch(new URL(c, base));
    if (!res.ok) throw new Error(`${c}: HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`${route.padEnd(30)} ${String(chunks.length).padStart(3)} files  ${kb(raw).padStart(10)} raw  ${kb(gz).padStart(9)} gzip`);
}
