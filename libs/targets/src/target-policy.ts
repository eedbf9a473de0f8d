import { BlockList, isIP } from 'node:net';
import { AppError } from '@memegraph/contracts';

/**
 * Which Go services the platform may fetch profiles from (SSRF guard). Entries are host
 * names (`*.svc.cluster.local` wildcards allowed), IPs or CIDR ranges, optionally with
 * `:port`. Both the URL's host and every address it resolves to must be allowed, so a
 * name that resolves to the metadata service or a private range is refused.
 */
export interface TargetPolicy {
  hostPatterns: { regex: RegExp; port?: number }[];
  addresses: BlockList;
  /** Ports allowed for IP/CIDR entries, per entry; undefined = any. */
  addressPorts: { list: BlockList; port?: number }[];
}

const LOOPBACK = ['127.0.0.0/8', '::1/128', 'localhost'];

export function parseTargetPolicy(entries: string[], opts: { allowLoopback?: boolean } = {}): TargetPolicy {
  const all = [...entries.map((e) => e.trim()).filter(Boolean), ...(opts.allowLoopback ? LOOPBACK : [])];
  const policy: TargetPolicy = { hostPatterns: [], addresses: new BlockList(), addressPorts: [] };
  for (const entry of all) {
    const { host, port } = splitPort(entry);
    const [addr, bits] = host.split('/');
    const family = isIP(addr!);
    if (family) {
      const list = new BlockList();
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (bits !== undefined) {
        const prefix = Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`invalid CIDR in capture allowlist: ${entry}`);
        list.addSubnet(addr!, prefix, type);
        policy.addresses.addSubnet(addr!, prefix, type);
      } else {
        list.addAddress(addr!, type);
        policy.addresses.addAddress(addr!, type);
      }
      policy.addressPorts.push({ list, port });
    } else {
      if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host)) throw new Error(`invalid host in capture allowlist: ${entry}`);
      const wildcard = host.startsWith('*.');
      const base = (wildcard ? host.slice(2) : host).toLowerCase().replace(/\./g, '\\.');
      policy.hostPatterns.push({ regex: new RegExp(`^${wildcard ? '(?:[a-z0-9-]+\\.)+' : ''}${base}$`), port });
    }
  }
  return policy;
}

function splitPort(entry: string): { host: string; port?: number } {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracket) return { host: bracket[1]!, port: bracket[2] ? Number(bracket[2]) : undefined };
  const parts = entry.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return { host: parts[0]!, port: Number(parts[1]) };
  return { host: entry };
}

const familyOf = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/** Is this resolved address (and port) allowed? */
export function addressAllowed(policy: TargetPolicy, ip: string, port: number): boolean {
  return policy.addressPorts.some((e) => e.list.check(ip, familyOf(ip)) && (e.port === undefined || e.port === port));
}

/** Is this host name allowed by a name pattern (independently of what it resolves to)? */
export function hostAllowed(policy: TargetPolicy, host: string, port: number): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return policy.hostPatterns.some((p) => p.regex.test(h) && (p.port === undefined || p.port === port));
}

/**
 * Checks a capture target URL before anything is fetched: http(s) only, no credentials, and a
 * host that the allowlist names (as a host pattern, or as an IP inside an allowed range).
 * Throws FORBIDDEN (403) otherwise. DNS answers are checked again at connect time.
 */
export function checkTarget(policy: TargetPolicy, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', `target: not a URL: ${raw}`, { field: 'target' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('VALIDATION_FAILED', 'target: only http and https URLs can be captured', { field: 'target' });
  if (url.username || url.password) throw new AppError('VALIDATION_FAILED', 'target: credentials in the URL are not allowed', { field: 'target' });
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = isIP(host) ? addressAllowed(policy, host, port) : hostAllowed(policy, host, port);
  if (!allowed) {
    throw new AppError('FORBIDDEN', `capturing from ${url.host} is not allowed: add it to CAPTURE_ALLOWLIST`, { host: url.host });
  }
  return url;
}

/** Link-local ranges (cloud metadata services live here): never reached unless listed by address. */
const LINK_LOCAL = (() => {
  const l = new BlockList();
  l.addSubnet('169.254.0.0', 16, 'ipv4');
  l.addSubnet('fe80::', 10, 'ipv6');
  return l;
})();

/**
 * The resolved addresses a connection may use. A host allowed by name may resolve to any
 * address except link-local ones; a host allowed only through address ranges must resolve
 * inside them.
 */
export function allowedAddresses<T extends { address: string }>(policy: TargetPolicy, allowedByName: boolean, resolved: T[], port: number): T[] {
  return resolved.filter((a) => {
    if (addressAllowed(policy, a.address, port)) return true;
    return allowedByName && !LINK_LOCAL.check(a.address, familyOf(a.address));
  });
}

/**
 * The platform's capture policy from its settings: the allowlist, plus loopback unless running
 * in production (or as CAPTURE_ALLOW_LOOPBACK says). The API and the worker must agree on it.
 */
export function captureTargetPolicy(c: { CAPTURE_ALLOWLIST: string[]; CAPTURE_ALLOW_LOOPBACK?: boolean; NODE_ENV: string }): TargetPolicy {
  return parseTargetPolicy(c.CAPTURE_ALLOWLIST, { allowLoopback: c.CAPTURE_ALLOW_LOOPBACK ?? c.NODE_ENV !== 'production' });
}
