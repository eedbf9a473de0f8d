import type { Meme } from './meme';

/** Escapes text for XML content and attribute values. */
export const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * A small self-contained SVG badge: the meme's colour, its symbol, and the caption as the
 * hover tooltip. Used standalone (API, UI) and as the shape the flame-graph renderer embeds.
 */
export function memeBadgeSvg(meme: Meme, opts: { size?: number; lang?: 'zh' | 'en' } = {}): string {
  const size = opts.size ?? 24;
  const caption = meme.caption[opts.lang ?? 'en'];
  const r = Math.round(size / 4);
  const font = Math.round(size * 0.42);
  const width = size * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${size}" viewBox="0 0 ${width} ${size}" role="img" aria-label="${xmlEscape(caption)}">` +
    `<title>${xmlEscape(`${meme.symbol} ${caption}`)}</title>` +
    `<rect width="${width}" height="${size}" rx="${r}" fill="${meme.color}"/>` +
    `<text x="${size}" y="${size / 2}" font-size="${font}" text-anchor="middle" dominant-baseline="central">${xmlEscape(meme.symbol)}</text>` +
    `</svg>`
  );
}
