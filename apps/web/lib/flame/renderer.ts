import { diffColor, frameColor, SEARCH_COLOR } from './colors';
import { type FlameLayout } from './layout';

export interface FlameBadge {
  symbol: string;
  color: string;
  caption: string;
  memeId: string;
  findingId: string;
}

export interface FlameTheme {
  bg: string;
  text: string;
  muted: string;
  border: string;
  otherA: string;
  otherB: string;
  light: boolean;
}

export interface RenderOptions {
  orientation: 'flame' | 'icicle';
  /** Do not draw the synthetic root (sandwich trees: the function is the first row). */
  hideRoot: boolean;
  /** Matching name indexes, or null when no search is active. */
  matches: Uint8Array | null;
  /** Badges by name index. */
  badges: Map<number, FlameBadge>;
  /** Unzoomed, the full width stands for at least this weight (side-by-side graphs on one scale). */
  minSpan?: number;
  theme: FlameTheme;
}

export const ROW_HEIGHT = 20;
const MIN_PX = 0.5;
const FONT = '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const BADGE_FONT = '11px "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif';
const ANIM_MS = 220;

export interface Hit {
  pos: number;
  badge?: { nameIdx: number; x: number; y: number; w: number; h: number };
}

/**
 * Draws a FlameLayout on a canvas. Every frame of the view is visited in pre-order; frames
 * under half a CSS pixel wide are skipped with their whole subtree, so the cost depends on
 * what is visible rather than on the tree size. Draws are coalesced with requestAnimationFrame
 * and zoom changes animate.
 */
export class FlameRenderer {
  private ctx: CanvasRenderingContext2D | null;
  private layout: FlameLayout | null = null;
  private opts: RenderOptions | null = null;
  private cssWidth = 0;
  private cssHeight = 0;
  private dpr = 1;
  private zoom = 0;
  /** Current view [x0, x0 + span) in weight units; animates towards the zoomed frame. */
  private viewX0 = 0;
  private viewSpan = 1;
  private anim: { fromX0: number; fromSpan: number; start: number } | null = null;
  private raf = 0;
  private hover = -1;
  private charWidth = 7.2;
  private colorCache: (string | undefined)[] = [];
  private otherPattern: CanvasPattern | null = null;
  private patternKey = '';
  // What was drawn last: for hit testing and the test hooks.
  private drawnPos = new Int32Array(0);
  private drawnX = new Float32Array(0);
  private drawnW = new Float32Array(0);
  private drawnRow = new Int32Array(0);
  private drawnCount = 0;
  private badgeRects: { nameIdx: number; pos: number; x: number; y: number; w: number; h: number }[] = [];
  /** Called after each draw with the number of frames drawn. */
  onDrawn?: (frames: number) => void;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d', { alpha: false });
  }

  destroy(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.ctx = null;
  }

  setLayout(layout: FlameLayout): void {
    this.layout = layout;
    this.colorCache = new Array(layout.names.length);
    const cap = Math.max(layout.n, 1);
    if (this.drawnPos.length < cap) {
      this.drawnPos = new Int32Array(cap);
      this.drawnX = new Float32Array(cap);
      this.drawnW = new Float32Array(cap);
      this.drawnRow = new Int32Array(cap);
    }
    this.zoom = 0;
    this.hover = -1;
    this.anim = null;
    this.viewX0 = layout.n ? layout.x[0]! : 0;
    this.viewSpan = layout.n ? Math.max(layout.w[0]!, 1e-9) : 1;
    this.schedule();
  }

  setOptions(opts: RenderOptions): void {
    this.opts = opts;
    this.schedule();
  }

  setWidth(cssWidth: number): void {
    if (Math.abs(cssWidth - this.cssWidth) < 0.5) return;
    this.cssWidth = cssWidth;
    this.schedule();
  }

  setHover(pos: number): void {
    if (pos === this.hover) return;
    this.hover = pos;
    this.schedule();
  }

  get zoomed(): number {
    return this.zoom;
  }

  /** Rows the current zoom needs (the canvas height follows it). */
  rows(): number {
    const l = this.layout;
    if (!l || l.n === 0) return 1;
    return l.maxDepth[this.zoom]! + 1 - (this.opts?.hideRoot ? 1 : 0);
  }

  zoomTo(pos: number, animate = true): void {
    const l = this.layout;
    if (!l || pos < 0 || pos >= l.n) return;
    if (pos === this.zoom && !this.anim) return;
    this.zoom = pos;
    const reduce = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (animate && !reduce) this.anim = { fromX0: this.viewX0, fromSpan: this.viewSpan, start: performance.now() };
    else {
      this.anim = null;
      this.viewX0 = l.x[pos]!;
      this.viewSpan = Math.max(l.w[pos]!, 1e-9);
    }
    this.schedule();
  }

  schedule(): void {
    if (this.raf || !this.ctx) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.draw();
    });
  }

  /** What is under a CSS-pixel point: a badge first, then the frame. */
  hitTest(px: number, py: number): Hit | null {
    for (const b of this.badgeRects) {
      if (px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h) return { pos: b.pos, badge: b };
    }
    const row = this.rowAt(py);
    if (row < 0) return null;
    for (let i = 0; i < this.drawnCount; i++) {
      if (this.drawnRow[i] !== row) continue;
      const x = this.drawnX[i]!;
      if (px >= x && px < x + this.drawnW[i]!) return { pos: this.drawnPos[i]! };
    }
    return null;
  }

  /** The depth shown at a CSS-pixel height, or -1. */
  /** Where a frame was drawn last (CSS pixels), or null when it was not. */
  rectOf(pos: number): { x: number; y: number; w: number; h: number } | null {
    const rows = this.rows();
    for (let i = 0; i < this.drawnCount; i++) {
      if (this.drawnPos[i] === pos) return { x: this.drawnX[i]!, y: this.rowY(this.drawnRow[i]!, rows), w: this.drawnW[i]!, h: ROW_HEIGHT - 1 };
    }
    return null;
  }

  private rowAt(py: number): number {
    const rows = this.rows();
    const r = Math.floor(py / ROW_HEIGHT);
    if (r < 0 || r >= rows) return -1;
    return (this.opts?.orientation === 'flame' ? rows - 1 - r : r) + (this.opts?.hideRoot ? 1 : 0);
  }

  private rowY(depth: number, rows: number): number {
    const r = depth - (this.opts?.hideRoot ? 1 : 0);
    return (this.opts?.orientation === 'flame' ? rows - 1 - r : r) * ROW_HEIGHT;
  }

  private colorOf(nameIdx: number): string {
    let c = this.colorCache[nameIdx];
    if (c === undefined) {
      c = frameColor(this.layout!.names[nameIdx] ?? '');
      this.colorCache[nameIdx] = c;
    }
    return c;
  }

  private hatch(ctx: CanvasRenderingContext2D, theme: FlameTheme): CanvasPattern | string {
    const key = `${theme.otherA}|${theme.otherB}|${this.dpr}`;
    if (this.otherPattern && this.patternKey === key) return this.otherPattern;
    const size = Math.round(8 * this.dpr);
    const tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    const t = tile.getContext('2d');
    if (!t) return theme.otherA;
    t.fillStyle = theme.otherA;
    t.fillRect(0, 0, size, size);
    t.strokeStyle = theme.otherB;
    t.lineWidth = 2 * this.dpr;
    t.beginPath();
    for (let o = -size; o <= size; o += size) {
      t.moveTo(o, size);
      t.lineTo(o + size, 0);
    }
    t.stroke();
    this.otherPattern = ctx.createPattern(tile, 'repeat');
    this.patternKey = key;
    return this.otherPattern ?? theme.otherA;
  }

  private draw(): void {
    const ctx = this.ctx;
    const l = this.layout;
    const o = this.opts;
    if (!ctx || !l || !o || this.cssWidth <= 0) return;
    const t0 = performance.now();

    // Animate the view towards the zoomed frame (ease-out cubic).
    const targetX0 = l.n ? l.x[this.zoom]! : 0;
    const unzoomed = this.zoom === 0 || (o.hideRoot && this.zoom === 1);
    const targetSpan = l.n ? Math.max(l.w[this.zoom]!, unzoomed ? (o.minSpan ?? 0) : 0, 1e-9) : 1;
    if (this.anim) {
      const t = Math.min(1, (performance.now() - this.anim.start) / ANIM_MS);
      const e = 1 - (1 - t) ** 3;
      this.viewX0 = this.anim.fromX0 + (targetX0 - this.anim.fromX0) * e;
      this.viewSpan = this.anim.fromSpan + (targetSpan - this.anim.fromSpan) * e;
      if (t >= 1) this.anim = null;
    } else {
      this.viewX0 = targetX0;
      this.viewSpan = targetSpan;
    }

    const rows = this.rows();
    const cssW = this.cssWidth;
    const cssH = Math.max(rows, 1) * ROW_HEIGHT;
    const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    if (this.cssHeight !== cssH || this.dpr !== dpr || this.canvas.width !== Math.round(cssW * dpr)) {
      this.cssHeight = cssH;
      this.dpr = dpr;
      this.canvas.width = Math.round(cssW * dpr);
      this.canvas.height = Math.round(cssH * dpr);
      this.canvas.style.height = `${cssH}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = o.theme.bg;
    ctx.fillRect(0, 0, cssW, cssH);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    this.charWidth = ctx.measureText('MMMMMMMMMM').width / 10 || 7.2;

    const scale = cssW / this.viewSpan;
    const x0 = this.viewX0;
    const zoomDepth = l.depth[this.zoom] ?? 0;
    const matches = o.matches;
    const diff = !!l.baseTotal;
    const other = l.otherName;
    const h = ROW_HEIGHT - 1;
    const start = o.hideRoot ? 1 : 0;
    let drawn = 0;
    const labels: number[] = [];
    this.badgeRects = [];

    for (let p = start; p < l.n; ) {
      const px = (l.x[p]! - x0) * scale;
      const pw = l.w[p]! * scale;
      // Outside the view or too narrow: nothing in its subtree can be drawn either.
      if (pw < MIN_PX || px >= cssW || px + pw <= 0) {
        p = l.end[p]!;
        continue;
      }
      const d = l.depth[p]!;
      const y = this.rowY(d, rows);
      const left = Math.max(0, px);
      const right = Math.min(cssW, px + pw);
      const nm = l.name[p]!;
      const isOther = nm === other;
      let fill: string | CanvasPattern;
      if (isOther) fill = this.hatch(ctx, o.theme);
      else if (matches && matches[nm]) fill = SEARCH_COLOR;
      else if (diff) fill = diffColor(l.total[p]! - l.baseTotal![p]!, l.maxDelta, o.theme.light);
      else fill = this.colorOf(nm);
      // Dim frames that do not match the search, and the ancestors above a zoomed frame.
      const dim = (matches && !matches[nm] && !isOther) || d < zoomDepth;
      ctx.globalAlpha = dim ? (matches ? 0.28 : 0.55) : 1;
      ctx.fillStyle = fill;
      ctx.fillRect(left, y, Math.max(right - left - (pw > 2 ? 1 : 0), MIN_PX), h);
      ctx.globalAlpha = 1;

      this.drawnPos[drawn] = p;
      this.drawnX[drawn] = left;
      this.drawnW[drawn] = right - left;
      this.drawnRow[drawn] = d;
      drawn++;
      if (right - left > 22 || o.badges.has(nm)) labels.push(drawn - 1);
      p++;
    }

    // Labels and badges in a second pass: one font switch, no state thrash.
    for (const i of labels) this.label(ctx, l, o, i, rows);

    if (this.hover >= 0 && this.hover < l.n) {
      for (let i = 0; i < drawn; i++) {
        if (this.drawnPos[i] !== this.hover) continue;
        ctx.strokeStyle = o.theme.text;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(this.drawnX[i]! + 0.75, this.rowY(this.drawnRow[i]!, rows) + 0.75, Math.max(this.drawnW[i]! - 2.5, 1), h - 1.5);
        break;
      }
    }

    this.drawnCount = drawn;
    this.canvas.dataset.drawnFrames = String(drawn);
    this.canvas.dataset.zoom = String(this.zoom);
    this.canvas.dataset.drawMs = (performance.now() - t0).toFixed(1);
    // Where the meme badges are (CSS px), for tests and tooling.
    this.canvas.dataset.badges = this.badgeRects.map((b) => `${Math.round(b.x + b.w / 2)},${Math.round(b.y + b.h / 2)}`).join(' ');
    this.onDrawn?.(drawn);
    if (this.anim) this.schedule();
  }

  private label(ctx: CanvasRenderingContext2D, l: FlameLayout, o: RenderOptions, i: number, rows: number): void {
    const p = this.drawnPos[i]!;
    const nm = l.name[p]!;
    let x = this.drawnX[i]!;
    let w = this.drawnW[i]!;
    const y = this.rowY(this.drawnRow[i]!, rows);
    const badge = o.badges.get(nm);
    if (badge) {
      ctx.font = BADGE_FONT;
      const bw = Math.max(ROW_HEIGHT - 2, ctx.measureText(badge.symbol).width + 6);
      if (w >= 8) {
        const bx = x + 1;
        const by = y + 1;
        const bh = ROW_HEIGHT - 3;
        const drawW = Math.min(bw, w - 2);
        ctx.fillStyle = badge.color;
        roundRect(ctx, bx, by, drawW, bh, 4);
        ctx.fill();
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1;
        ctx.stroke();
        if (drawW >= bw - 0.5) {
          ctx.fillStyle = '#ffffff';
          ctx.textAlign = 'center';
          ctx.fillText(badge.symbol, bx + drawW / 2, by + bh / 2 + 0.5);
          ctx.textAlign = 'left';
        }
        this.badgeRects.push({ nameIdx: nm, pos: p, x: bx, y: by, w: drawW, h: bh });
        x += drawW + 2;
        w -= drawW + 2;
      }
      ctx.font = FONT;
    }
    if (w < 22) return;
    const text = fitName(l.names[nm] ?? '', Math.floor((w - 6) / this.charWidth));
    if (!text) return;
    ctx.fillStyle = nm === l.otherName ? o.theme.text : '#15171c';
    const dim = o.matches && !o.matches[nm] && nm !== l.otherName;
    ctx.globalAlpha = dim ? 0.45 : 1;
    ctx.fillText(text, x + 3, y + ROW_HEIGHT / 2);
    ctx.globalAlpha = 1;
  }
}

/**
 * Shortens a Go symbol to fit `chars`: first drop the import path ("github.com/x/y/pkg.F" →
 * "pkg.F"), then cut with an ellipsis. Returns '' when not even three characters fit.
 */
export function fitName(name: string, chars: number): string {
  if (chars < 3) return '';
  if (name.length <= chars) return name;
  const slash = name.lastIndexOf('/', name.indexOf('(') >= 0 ? name.indexOf('(') : name.length);
  const short = slash >= 0 ? name.slice(slash + 1) : name;
  if (short.length <= chars) return short;
  return `${short.slice(0, chars - 1)}…`;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.min(r, w / 2, h / 2);
  ctx.beginPath();
  ctx.moveTo(x + rr, y);
  ctx.arcTo(x + w, y, x + w, y + h, rr);
  ctx.arcTo(x + w, y + h, x, y + h, rr);
  ctx.arcTo(x, y + h, x, y, rr);
  ctx.arcTo(x, y, x + w, y, rr);
  ctx.closePath();
}
