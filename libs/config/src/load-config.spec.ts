import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const base = { NEO4J_PASSWORD: 'a-long-password' };

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const c = loadConfig(base);
    expect(c.API_PORT).toBe(3000);
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.NEO4J_URI).toBe('bolt://127.0.0.1:7687');
    expect(c.OPEN_READS).toBe(false);
    expect(c.API_TOKENS).toEqual([]);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ ...base, API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ ...base, NEO4J_URI: 'http://x' })).toThrow(/NEO4J_URI: must be a bolt/);
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/NEO4J_PASSWORD/);
  });

  it('parses tokens with roles and rejects short or malformed ones', () => {
    const c = loadConfig({ ...base, API_TOKENS: 'ci:engineer:0123456789abcdef0123, ops:admin:fedcba9876543210fedc' });
    expect(c.API_TOKENS).toEqual([
      { name: 'ci', role: 'engineer', token: '0123456789abcdef0123' },
      { name: 'ops', role: 'admin', token: 'fedcba9876543210fedc' },
    ]);
    expect(() => loadConfig({ ...base, API_TOKENS: 'ci:root:0123456789abcdef0123' })).toThrow(/API_TOKENS/);
    expect(() => loadConfig({ ...base, API_TOKENS: 'ci:viewer:short' })).toThrow(/API_TOKENS/);
  });

  it('treats empty strings as unset and parses booleans', () => {
    expect(loadConfig({ ...base, API_PORT: '' }).API_PORT).toBe(3000);
    expect(loadConfig({ ...base, OPEN_READS: 'true' }).OPEN_READS).toBe(true);
    expect(() => loadConfig({ ...base, OPEN_READS: 'maybe' })).toThrow(/OPEN_READS/);
  });
});
