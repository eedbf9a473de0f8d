import { RootCauseClassIds } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { memeBadgeSvg, xmlEscape } from './badge.svg';
import { MEMES, memeById, memeForClass } from './catalog';

const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('meme catalog', () => {
  it('has exactly one meme for every root-cause class', () => {
    expect(MEMES.map((m) => m.classId).sort()).toEqual([...RootCauseClassIds].sort());
    for (const id of RootCauseClassIds) expect(memeForClass(id).classId).toBe(id);
  });

  it('uses stable, unique, URL-safe ids, and distinct colours and symbols', () => {
    const ids = MEMES.map((m) => m.id);
    expect(new Set(ids).size).toBe(MEMES.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(MEMES.map((m) => m.color.toLowerCase())).size).toBe(MEMES.length);
    expect(new Set(MEMES.map((m) => m.symbol)).size).toBe(MEMES.length);
    for (const m of MEMES) expect(m.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(memeById('heap-balloon')?.classId).toBe('heap-leak');
    expect(memeById('nope')).toBeUndefined();
  });

  it('keeps the seed captions for the classes the seed named', () => {
    expect(memeForClass('deep-recursion').caption.zh).toBe('疯狂叠Buff的程序员');
    expect(memeForClass('heap-leak').caption.zh).toBe('内存气球越吹越大');
    expect(memeForClass('goroutine-leak-chan').caption.zh).toBe('地铁早高峰协程站台');
    expect(memeForClass('cpu-reflection-json').caption.zh).toContain('你的反射正在开火箭');
    expect(memeForClass('mutex-contention').symbol).toBe('⏸️⚙️');
    expect(memeForClass('gc-pressure').symbol).toBe('🚪➡️');
  });

  it('has symbols made of 1–3 emoji and bilingual captions and explanations', () => {
    for (const m of MEMES) {
      const g = graphemes(m.symbol);
      expect(g.length, m.id).toBeGreaterThanOrEqual(1);
      expect(g.length, m.id).toBeLessThanOrEqual(3);
      for (const cluster of g) expect(cluster, `${m.id} symbol`).toMatch(/\p{Extended_Pictographic}/u);
      expect(m.caption.zh).toMatch(/\p{Script=Han}/u);
      expect(m.caption.en).toMatch(/^[\x20-\x7e—’]+$/);
      expect(m.explanation.en.length).toBeGreaterThan(20);
      expect(m.explanation.zh).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('memeBadgeSvg', () => {
  it('renders a self-contained SVG with the colour, symbol and caption tooltip', () => {
    const svg = memeBadgeSvg(memeForClass('heap-leak'), { size: 20 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="40" height="20"/);
    expect(svg).toContain('fill="#d6336c"');
    expect(svg).toContain('<title>🎈📈 The memory balloon keeps inflating</title>');
    expect(svg).not.toMatch(/<script|href=/);
  });

  it('escapes captions', () => {
    const svg = memeBadgeSvg({ ...memeForClass('heap-leak'), caption: { zh: 'x', en: '<script>alert("x")</script> & more' } });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(xmlEscape(`'`)).toBe('&apos;');
  });
});
