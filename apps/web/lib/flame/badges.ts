import { type Finding } from '../findings';
import { type Meme } from '../types';
import { type FlameBadge } from './renderer';

/** Badges by name index for a tree's names: each finding's anchors, with its meme's symbol and colour. */
export function badgeMap(names: readonly string[], findings: readonly Finding[], memes: Map<string, Meme>, lang: 'en' | 'zh'): Map<number, FlameBadge> {
  const out = new Map<number, FlameBadge>();
  if (findings.length === 0 || names.length === 0) return out;
  const index = new Map<string, number>();
  names.forEach((n, i) => index.set(n, i));
  for (const f of findings) {
    const meme = memes.get(f.memeId);
    for (const a of f.anchors) {
      const i = index.get(a);
      if (i === undefined || out.has(i)) continue;
      out.set(i, {
        symbol: meme?.symbol ?? '⚠️',
        color: meme?.color ?? '#c92a2a',
        caption: meme ? meme.caption[lang] : f.title,
        memeId: f.memeId,
        findingId: f.id,
      });
    }
  }
  return out;
}
