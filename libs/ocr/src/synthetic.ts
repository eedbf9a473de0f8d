import sharp from 'sharp';

/**
 * Synthetic screenshots rendered from known text (SVG through sharp/librsvg, system fonts).
 * Tests and the OCR benchmark use them: the text is the ground truth. Not used at run time.
 */
export type SyntheticStyle = 'dark-terminal' | 'light-terminal' | 'caption' | 'chat' | 'dashboard';

export interface SyntheticSpec {
  style: SyntheticStyle;
  /** Text lines (for `caption`, the top caption; for `chat`, one bubble per line). */
  lines: string[];
  /** `caption` only: lines at the bottom of the picture. */
  bottom?: string[];
  /** Font size in px; defaults: 14 terminal/dashboard, 44 caption, 18 chat. */
  fontSize?: number;
  /** Per-line text colours (terminal, dashboard); missing entries use the style's default. */
  colors?: (string | undefined)[];
  /**
   * `caption`: white text with a black outline (classic meme), black text on a light picture,
   * or black text on a white bar above the picture (the modern meme layout).
   */
  captionInk?: 'outline' | 'black' | 'bar';
  /** Picture behind a caption. */
  picture?: 'noise' | 'gradient';
  /** Image width in px (caption, chat); terminals size themselves to the text. */
  width?: number;
  /** Font family; defaults to DejaVu Sans Mono (terminals), DejaVu Sans (captions), Noto Sans CJK SC (chat). */
  font?: string;
  /** Seed of the picture's pseudo-random texture. */
  seed?: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const isWide = (ch: string): boolean => /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch);
/** Display width of a line in ems for a font whose Latin advance is `latin` em. */
const emWidth = (s: string, latin: number): number => [...s].reduce((w, ch) => w + (isWide(ch) ? 1 : latin), 0);

/** The ground truth: the text a perfect reader would return, one line per text line. */
export const syntheticText = (spec: SyntheticSpec): string => [...spec.lines, ...(spec.bottom ?? [])].join('\n');

/** Renders `spec` to a PNG. */
export async function renderSynthetic(spec: SyntheticSpec): Promise<Buffer> {
  switch (spec.style) {
    case 'dark-terminal':
    case 'light-terminal':
    case 'dashboard':
      return sharp(Buffer.from(panelSvg(spec))).png().toBuffer();
    case 'chat':
      return sharp(Buffer.from(chatSvg(spec))).png().toBuffer();
    case 'caption':
      return renderCaption(spec);
  }
}

function panelSvg(spec: SyntheticSpec): string {
  const size = spec.fontSize ?? 14;
  const font = spec.font ?? 'DejaVu Sans Mono';
  const lineH = Math.round(size * 1.45);
  const pad = Math.round(size * 1.2);
  const widest = Math.max(...spec.lines.map((l) => emWidth(l, 0.602)));
  const width = spec.width ?? Math.ceil(widest * size + pad * 2 + size * 2);
  const title = spec.style === 'dashboard' ? lineH : 0;
  const height = spec.lines.length * lineH + pad * 2 + title;
  const theme = {
    'dark-terminal': { bg: '#1e1e1e', fg: '#d4d4d4' },
    'light-terminal': { bg: '#fdfdfd', fg: '#202020' },
    dashboard: { bg: '#181b1f', fg: '#ccccdc' },
    caption: { bg: '#000', fg: '#fff' },
    chat: { bg: '#fff', fg: '#000' },
  }[spec.style];
  const parts = [`<rect width="100%" height="100%" fill="${theme.bg}"/>`];
  if (spec.style === 'dashboard') {
    // Panel chrome: a header bar and faint grid lines, as in a Grafana panel.
    parts.push(`<rect x="0" y="0" width="${width}" height="${title}" fill="#22252b"/>`);
    for (let x = pad; x < width; x += 90) parts.push(`<line x1="${x}" y1="${title}" x2="${x}" y2="${height}" stroke="#2a2d33" stroke-width="1"/>`);
  }
  spec.lines.forEach((line, i) => {
    const y = title + pad + (i + 1) * lineH - Math.round(lineH * 0.3);
    const fill = spec.colors?.[i] ?? theme.fg;
    parts.push(`<text x="${pad}" y="${y}" xml:space="preserve" font-family="${font}" font-size="${size}" fill="${fill}">${esc(line)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function chatSvg(spec: SyntheticSpec): string {
  const size = spec.fontSize ?? 18;
  const font = spec.font ?? 'Noto Sans CJK SC';
  const width = spec.width ?? 640;
  const lineH = Math.round(size * 3.1);
  const parts = [`<rect width="100%" height="100%" fill="#ededed"/>`];
  spec.lines.forEach((line, i) => {
    const mine = i % 2 === 1;
    const textW = Math.ceil(emWidth(line, 0.55) * size);
    const bubbleW = textW + size * 1.4;
    const top = Math.round(size + i * lineH);
    const avatarX = mine ? width - size * 3 : size;
    const bubbleX = mine ? avatarX - size * 0.6 - bubbleW : avatarX + size * 2.6;
    parts.push(`<rect x="${avatarX}" y="${top}" width="${size * 2}" height="${size * 2}" rx="4" fill="${mine ? '#6a8caf' : '#c28e5c'}"/>`);
    parts.push(`<rect x="${bubbleX}" y="${top}" width="${bubbleW}" height="${size * 2.1}" rx="6" fill="${mine ? '#95ec69' : '#ffffff'}"/>`);
    parts.push(`<text x="${bubbleX + size * 0.7}" y="${top + size * 1.45}" font-family="${font}" font-size="${size}" fill="#111">${esc(line)}</text>`);
  });
  const height = Math.round(size * 2 + spec.lines.length * lineH);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** A deterministic xorshift generator, so pictures are the same on every run. */
function rng(seed: number): () => number {
  let x = (Math.imul(seed, 0x9e3779b1) ^ 0x5bd1e995) >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

async function picture(width: number, height: number, kind: 'noise' | 'gradient', seed: number, light: boolean): Promise<Buffer> {
  const rand = rng(seed);
  // Coarse random colour field, smoothly upscaled: blotches like a photo's subjects and sky.
  const cw = 12;
  const ch = Math.max(2, Math.round((cw * height) / width));
  const coarse = Buffer.alloc(cw * ch * 3);
  for (let i = 0; i < coarse.length; i += 3) {
    const base = light ? 150 : 30;
    const span = light ? 105 : 170;
    coarse[i] = base + rand() * span;
    coarse[i + 1] = base + rand() * span;
    coarse[i + 2] = base + rand() * span;
  }
  let img = sharp(coarse, { raw: { width: cw, height: ch, channels: 3 } }).resize(width, height, { kernel: 'cubic' });
  if (kind === 'gradient') {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light ? '#fff6d0' : '#1d3b6a'}"/><stop offset="1" stop-color="${light ? '#9ccfe8' : '#c2553a'}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)" fill-opacity="0.75"/></svg>`;
    img = sharp(await img.png().toBuffer()).composite([{ input: Buffer.from(svg) }]);
  }
  const base = await img.removeAlpha().raw().toBuffer();
  // Fine grain on top (sensor noise / JPEG-ish texture).
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i]! + (rand() - 0.5) * 70));
  return sharp(base, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function renderCaption(spec: SyntheticSpec): Promise<Buffer> {
  const width = spec.width ?? 720;
  const ink = spec.captionInk ?? 'outline';
  const font = spec.font ?? 'DejaVu Sans';
  const bottom = ink === 'bar' ? [] : (spec.bottom ?? []);
  const longest = Math.max(...[...spec.lines, ...bottom].map((l) => emWidth(l, ink === 'bar' ? 0.6 : 0.68)));
  const size = spec.fontSize ?? Math.min(44, Math.floor((width * 0.92) / Math.max(1, longest)));
  const lineH = Math.round(size * 1.2);
  const bar = ink === 'bar' ? Math.round(spec.lines.length * lineH + size * 1.2) : 0;
  const height = Math.round(Math.max(width * 0.75, (spec.lines.length + bottom.length) * lineH + size * 4)) + bar;
  const bg = await picture(width, height - bar, spec.picture ?? 'noise', spec.seed ?? 7, ink === 'black');
  const style =
    ink === 'outline'
      ? `fill="#ffffff" stroke="#000000" stroke-width="${Math.max(2, Math.round(size / 12))}" paint-order="stroke"`
      : `fill="#111111"`;
  const weight = ink === 'bar' ? 'normal' : 'bold';
  const text = (line: string, y: number) =>
    `<text x="${width / 2}" y="${y}" text-anchor="middle" font-family="${font}" font-weight="${weight}" font-size="${size}" ${style}>${esc(line)}</text>`;
  const parts = [
    ...(bar ? [`<rect x="0" y="0" width="${width}" height="${bar}" fill="#ffffff"/>`] : []),
    ...spec.lines.map((l, i) => text(l, Math.round(size * (bar ? 1.5 : 1.3) + i * lineH))),
    ...bottom.map((l, i) => text(l, Math.round(height - size * 0.6 - (bottom.length - 1 - i) * lineH))),
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: bg, top: bar, left: 0 }, { input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}
