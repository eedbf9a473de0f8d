import { describe, expect, it } from 'vitest';
import { cpu, deepStack } from '../test/synth';
import { checkWellFormed } from '../test/xml-check';
import { buildCallTree } from './call-tree';
import { readProfile } from './decode';
import { diffProfiles } from './diff';
import { renderFlameGraphSvg } from './flamegraph.svg';
import { escapeXml, safeHref } from './xml';

const hostile = 'main.<script>alert("x")</script>&\'q\']]>';
const model = readProfile(
  cpu([
    { stack: [hostile, 'main.handler', 'main.main'], values: [6, 60] },
    { stack: ['main.handler', 'main.main'], values: [3, 30] },
    { stack: ['main.other', 'main.main'], values: [1, 10] },
  ]),
);

describe('escaping and links', () => {
  it('escapes markup, quotes, ampersands and CDATA ends; drops invalid XML characters', () => {
    expect(escapeXml('<a href="x">&\'</a>]]>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;]]&gt;');
    expect(escapeXml('bell\u0007 and \uD800 lone')).toBe('bell\uFFFD and \uFFFD lone');
  });

  it.each([
    ['#finding-1', '#finding-1'],
    ['/profiles/x#f1', '/profiles/x#f1'],
    ['/a/b?c=d', '/a/b?c=d'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['http://evil.example/', undefined],
    ['https://evil.example/', undefined],
    ['data:text/html,<script>', undefined],
    ['//evil.example/x', undefined],
    ['/\\evil.example', undefined],
    [' /leading-space', undefined],
    ['/tab\there', undefined],
    ['#', undefined],
    ['', undefined],
    ['relative/path', undefined],
  ])('href %j -> %j', (href, want) => expect(safeHref(href)).toBe(want));
});

describe('renderFlameGraphSvg', () => {
  const svg = renderFlameGraphSvg(buildCallTree(model), {
    title: 'T <&> "q"',
    badges: [
      { frame: 'main.handler', label: '🎈', title: 'caption <b>', href: '#finding-1' },
      { frame: hostile, label: '!', title: 'x', href: 'javascript:alert(1)' },
      { frame: 'main.other', label: '?', href: '//evil.example' },
    ],
  });

  it('is well-formed, self-contained and script-free', () => {
    checkWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son[a-z]+=/i);
    expect(svg).not.toMatch(/javascript:|\/\/evil/);
  });

  it('escapes frame names, the title and badge captions', () => {
    expect(svg).toContain('main.&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;q&#39;]]&gt;');
    expect(svg).toContain('<title>T &lt;&amp;&gt; &quot;q&quot;</title>');
    expect(svg).toContain('<title>caption &lt;b&gt;</title>');
  });

  it('gives every frame a tooltip with name, value and share', () => {
    expect(svg).toContain('<title>main.handler (90ns, 90.00%)</title>');
    expect(svg).toContain('<title>main.main (100ns, 100.00%)</title>');
  });

  it('links only badges with safe hrefs', () => {
    expect(svg).toContain('<a href="#finding-1" xlink:href="#finding-1">');
    expect(svg.match(/<a /g)).toHaveLength(1);
    expect(svg).toContain('>🎈</text>');
    expect(svg).toContain('>?</text>');
  });

  it('is deterministic, with colours from the name', () => {
    expect(renderFlameGraphSvg(buildCallTree(model))).toBe(renderFlameGraphSvg(buildCallTree(model)));
    const fills = [...svg.matchAll(/<title>main\.handler[^<]*<\/title><rect [^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(fills.length).toBe(1);
    const again = renderFlameGraphSvg(buildCallTree(readProfile(cpu([{ stack: ['main.handler'], values: [1, 1] }]))));
    expect(again).toContain(`fill="${fills[0]}"`);
  });

  it('merges frames too narrow to draw into a visible (other) frame', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ stack: [`main.f${i}`, 'main.main'], values: [1, 1] }));
    const out = renderFlameGraphSvg(buildCallTree(readProfile(cpu([...many, { stack: ['main.big', 'main.main'], values: [1, 100_000] }]))));
    checkWellFormed(out);
    expect(out).toMatch(/<title>\(other\) \([^)]*\) \[3000 narrow frames merged\]<\/title>/);
    expect(out).toContain('3000 frames under 0.3px merged into (other)');
  });

  it('cuts frames deeper than maxDepth and says so', () => {
    const out = renderFlameGraphSvg(buildCallTree(readProfile(cpu([{ stack: deepStack(10_000), values: [1, 1] }]))), { maxDepth: 100 });
    checkWellFormed(out);
    expect(out).toContain('9900 frames deeper than 100 cut');
    expect(out).toContain('[9900 deeper frames cut]');
    expect(out.match(/<rect /g)!.length).toBe(102);
  });

  it('colours diff trees red for growth and blue for shrinkage', () => {
    const base = readProfile(cpu([{ stack: ['main.grow', 'main.main'], values: [1, 10] }, { stack: ['main.shrink', 'main.main'], values: [1, 50] }]));
    const next = readProfile(cpu([{ stack: ['main.grow', 'main.main'], values: [1, 50] }, { stack: ['main.shrink', 'main.main'], values: [1, 10] }]));
    const out = renderFlameGraphSvg(diffProfiles(base, next).tree);
    checkWellFormed(out);
    const fill = (name: string) => new RegExp(`<title>${name} \\(base[^<]*</title><rect [^>]*fill="rgb\\((\\d+),(\\d+),(\\d+)\\)"`).exec(out)!.slice(1).map(Number);
    const [gr, gg, gb] = fill('main.grow');
    const [sr, sg, sb] = fill('main.shrink');
    expect(gr).toBe(255);
    expect(gg).toBeLessThan(100);
    expect(gb).toBeLessThan(100);
    expect(sb).toBe(255);
    expect(sr).toBeLessThan(100);
    expect(sg).toBeLessThan(100);
    expect(out).toContain('main.grow (base 10ns, new 50ns, change +40ns');
  });
});
