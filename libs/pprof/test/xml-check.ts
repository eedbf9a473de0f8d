/**
 * A small XML well-formedness check for tests: balanced tags, quoted attributes, only the five
 * predefined entities or numeric references, no stray "<" or "&". Enough to prove escaping.
 */
export function checkWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  const text = (s: string) => {
    if (s.includes('<')) throw new Error(`stray "<" near ${JSON.stringify(s.slice(0, 40))}`);
    for (const m of s.matchAll(/&([^;\s]*);?/g)) {
      if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1]!) || !m[0].endsWith(';')) throw new Error(`bad entity ${m[0]}`);
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, lt));
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag near ${JSON.stringify(xml.slice(lt, lt + 60))}`);
    for (const a of m[3]!.matchAll(/"([^"]*)"/g)) text(a[1]!);
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}>`);
    } else if (!m[4]) stack.push(m[2]!);
    i = tag.lastIndex;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
