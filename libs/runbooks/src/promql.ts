const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan']);

/**
 * A structural PromQL check, enough to catch what people paste by mistake (a shell command,
 * half a query, unbalanced brackets): balanced (), [], {} outside strings, valid range
 * durations, and at least one metric selector or function call on a metric. Not a parser.
 */
export function checkPromQL(expr: string): string | undefined {
  const q = expr.trim();
  if (!q) return 'empty';
  if (/^(kubectl|curl|go |redis-cli|helm|git )/.test(q)) return 'looks like a shell command, not PromQL';
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | undefined;
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `unbalanced "${c}"`;
    }
  }
  if (quote) return 'unterminated string';
  if (stack.length) return `unclosed "${stack[stack.length - 1]}"`;
  for (const m of q.matchAll(/\[([^\]]*)\]/g)) {
    if (!/^\s*(\d+(ms|s|m|h|d|w|y))+(\s*:\s*(\d+(ms|s|m|h|d|w|y))*)?\s*$/.test(m[1]!)) return `invalid range "[${m[1]}]"`;
  }
  // A metric: an identifier outside label matchers and strings that is not a function or keyword.
  const outside = q.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/\{[^{}]*\}/g, '{}').replace(/\[[^\]]*\]/g, '[]');
  const metrics = [...outside.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)].filter((m) => !m[2] && !KEYWORDS.has(m[1]!));
  if (metrics.length === 0) return 'no metric name';
  return undefined;
}
