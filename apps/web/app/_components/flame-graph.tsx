'use client';

import { type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { formatDelta, formatPct, formatValue } from '../../lib/format';
import { type FlameLayout, pathTo } from '../../lib/flame/layout';
import { useLang } from '../../lib/i18n';
import { type FlameBadge, FlameRenderer, ROW_HEIGHT } from '../../lib/flame/renderer';
import { useFlameTheme } from '../../lib/theme';

export interface FlameGraphHandle {
  resetZoom: () => void;
  zoomTo: (pos: number) => void;
  focus: () => void;
}

export interface FlameGraphProps {
  layout: FlameLayout;
  orientation: 'flame' | 'icicle';
  /** Accessible name of the canvas. */
  label: string;
  hideRoot?: boolean;
  matches?: Uint8Array | null;
  badges?: Map<number, FlameBadge>;
  /** A badge was clicked: show its finding. */
  onBadgeClick?: (findingId: string) => void;
  /** Shift+click (or "s" on the keyboard) on a frame: open its callers/callees. */
  onFrameFocus?: (name: string) => void;
  onZoomChange?: (pos: number) => void;
  breadcrumb?: boolean;
  /** Unzoomed, the full width stands for at least this weight (side-by-side graphs on one scale). */
  minSpan?: number;
  /** The whole profile's total, when the tree is a part of it (sandwich): a second percentage. */
  profileTotal?: number;
  testId?: string;
  ref?: Ref<FlameGraphHandle>;
}

interface Tip {
  pos: number;
  x: number;
  y: number;
  badge?: FlameBadge;
}

/** Positions of the previous/next sibling, first child and parent, for keyboard moves. */
function neighbour(l: FlameLayout, p: number, dir: 'prev' | 'next' | 'child' | 'parent', minDepth: number): number {
  const par = l.parent[p]!;
  switch (dir) {
    case 'parent':
      return par >= 0 && l.depth[par]! >= minDepth ? par : p;
    case 'child':
      return p + 1 < l.end[p]! ? p + 1 : p;
    case 'next':
      return par >= 0 && l.end[p]! < l.end[par]! ? l.end[p]! : p;
    case 'prev': {
      if (par < 0) return p;
      let prev = p;
      for (let c = par + 1; c < p; c = l.end[c]!) prev = c;
      return prev;
    }
  }
}

export function FlameGraph({
  layout,
  orientation,
  label,
  hideRoot = false,
  matches = null,
  badges,
  onBadgeClick,
  onFrameFocus,
  onZoomChange,
  breadcrumb = true,
  profileTotal,
  minSpan,
  testId,
  ref,
}: FlameGraphProps) {
  const { t } = useLang();
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<FlameRenderer | null>(null);
  const theme = useFlameTheme();
  const [zoom, setZoom] = useState(0);
  const [tip, setTip] = useState<Tip | null>(null);
  const [kbd, setKbd] = useState(-1);
  const emptyBadges = useMemo(() => new Map<number, FlameBadge>(), []);
  const rootPos = hideRoot && layout.n > 1 ? 1 : 0;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const r = new FlameRenderer(c);
    renderer.current = r;
    const w = wrap.current;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) r.setWidth(e.contentRect.width);
    });
    if (w) {
      ro.observe(w);
      r.setWidth(w.clientWidth);
    }
    const onDpr = () => r.schedule();
    const mq = window.matchMedia?.(`(resolution: ${window.devicePixelRatio}dppx)`);
    mq?.addEventListener('change', onDpr);
    return () => {
      ro.disconnect();
      mq?.removeEventListener('change', onDpr);
      r.destroy();
      renderer.current = null;
    };
  }, []);

  // Options first, then the layout (setLayout resets the zoom).
  useEffect(() => {
    renderer.current?.setOptions({ orientation, hideRoot, matches, badges: badges ?? emptyBadges, theme, minSpan });
  }, [orientation, hideRoot, matches, badges, emptyBadges, theme, minSpan]);

  useEffect(() => {
    const r = renderer.current;
    if (!r) return;
    r.setLayout(layout);
    if (hideRoot && layout.n > 1) r.zoomTo(1, false);
    setZoom(hideRoot && layout.n > 1 ? 1 : 0);
    setTip(null);
    setKbd(-1);
  }, [layout, hideRoot]);

  const zoomTo = useCallback(
    (pos: number) => {
      const p = Math.max(rootPos, pos);
      renderer.current?.zoomTo(p);
      setZoom(p);
      onZoomChange?.(p);
    },
    [onZoomChange, rootPos],
  );

  useImperativeHandle(ref, () => ({ resetZoom: () => zoomTo(rootPos), zoomTo, focus: () => canvas.current?.focus() }), [zoomTo, rootPos]);

  const pointer = (e: React.PointerEvent<HTMLCanvasElement> | React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = renderer.current;
    if (!r) return;
    const { x, y } = pointer(e);
    const hit = r.hitTest(x, y);
    if (!hit || (hideRoot && hit.pos === 0)) {
      r.setHover(-1);
      setTip(null);
      return;
    }
    r.setHover(hit.pos);
    const badge = hit.badge ? badges?.get(hit.badge.nameIdx) : undefined;
    setTip({ pos: hit.pos, x, y, badge });
  };

  const onLeave = () => {
    renderer.current?.setHover(kbd);
    setTip(null);
  };

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = renderer.current;
    if (!r) return;
    const { x, y } = pointer(e);
    const hit = r.hitTest(x, y);
    if (!hit) return;
    if (hit.badge) {
      const b = badges?.get(hit.badge.nameIdx);
      if (b && onBadgeClick) {
        onBadgeClick(b.findingId);
        return;
      }
    }
    const name = layout.names[layout.name[hit.pos]!] ?? '';
    if ((e.shiftKey || e.altKey) && onFrameFocus && hit.pos !== 0 && layout.name[hit.pos] !== layout.otherName) {
      onFrameFocus(name);
      return;
    }
    zoomTo(hit.pos === zoom ? (layout.parent[hit.pos]! >= rootPos ? layout.parent[hit.pos]! : rootPos) : hit.pos);
  };

  // Keyboard: arrows walk the tree, Enter zooms, Escape zooms out, "s" opens callers/callees.
  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const r = renderer.current;
    if (!r || layout.n === 0) return;
    let cur = kbd >= 0 ? kbd : zoom;
    const up = orientation === 'flame' ? 'child' : 'parent';
    const down = orientation === 'flame' ? 'parent' : 'child';
    const moves: Record<string, 'prev' | 'next' | 'child' | 'parent'> = { ArrowLeft: 'prev', ArrowRight: 'next', ArrowUp: up, ArrowDown: down };
    if (moves[e.key]) {
      cur = neighbour(layout, cur, moves[e.key]!, rootPos);
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      zoomTo(cur);
      e.preventDefault();
    } else if (e.key === 's' && onFrameFocus && cur > 0) {
      onFrameFocus(layout.names[layout.name[cur]!] ?? '');
      e.preventDefault();
      return;
    } else return;
    setKbd(cur);
    r.setHover(cur);
    // The tooltip follows the keyboard cursor once the frame is drawn.
    requestAnimationFrame(() => {
      const rect = renderer.current?.rectOf(cur);
      setTip(rect ? { pos: cur, x: rect.x + Math.min(rect.w / 2, 40), y: rect.y + ROW_HEIGHT } : null);
    });
  };

  const crumbs = useMemo(() => (breadcrumb ? pathTo(layout, zoom).filter((p) => p >= rootPos) : []), [breadcrumb, layout, zoom, rootPos]);

  return (
    <div className="flame" data-testid={testId}>
      {breadcrumb && (
        <nav className="crumbs" aria-label={t('flame.zoomPath')}>
          {crumbs.map((p, i) => {
            const name = layout.names[layout.name[p]!] ?? '';
            const current = i === crumbs.length - 1;
            return (
              <span key={p} className="crumb">
                {i > 0 && <span aria-hidden className="sep">›</span>}
                <button type="button" className="link" aria-current={current ? 'true' : undefined} disabled={current} onClick={() => zoomTo(p)} title={name}>
                  {p === 0 ? 'all' : name}
                </button>
              </span>
            );
          })}
          {zoom === rootPos && <span className="hint small">· click a frame to zoom in</span>}
          {zoom !== rootPos && (
            <button type="button" className="ghost small" onClick={() => zoomTo(rootPos)}>
              Reset zoom <kbd>Esc</kbd>
            </button>
          )}
        </nav>
      )}
      <div className="flame-canvas" ref={wrap}>
        <canvas
          ref={canvas}
          tabIndex={0}
          role="img"
          aria-label={label}
          aria-roledescription="flame graph"
          data-flamegraph=""
          onPointerMove={onMove}
          onPointerLeave={onLeave}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setKbd(-1);
            renderer.current?.setHover(-1);
          }}
          style={{ height: ROW_HEIGHT }}
        />
        {tip && <FrameTip layout={layout} tip={tip} width={wrap.current?.clientWidth ?? 800} shiftHint={!!onFrameFocus} zoom={zoom} rootPos={rootPos} profileTotal={profileTotal} />}
      </div>
      <p className="sr-only" aria-live="polite">
        {kbd >= 0 ? describe(layout, kbd) : ''}
      </p>
    </div>
  );
}

function describe(l: FlameLayout, p: number): string {
  const name = l.names[l.name[p]!] ?? '';
  return `${name}: total ${formatValue(Math.abs(l.total[p]!), l.unit)} (${formatPct(Math.abs(l.total[p]!), l.rootTotal)}), self ${formatValue(Math.abs(l.self[p]!), l.unit)}`;
}

interface FrameTipProps {
  layout: FlameLayout;
  tip: Tip;
  width: number;
  shiftHint: boolean;
  zoom: number;
  rootPos: number;
  profileTotal?: number;
}

function FrameTip({ layout: l, tip, width, shiftHint, zoom, rootPos, profileTotal }: FrameTipProps) {
  const p = tip.pos;
  const nm = l.name[p]!;
  const name = l.names[nm] ?? '';
  const isOther = nm === l.otherName;
  const total = l.total[p]!;
  const self = l.self[p]!;
  const diff = !!l.baseTotal;
  const base = diff ? l.baseTotal![p]! : 0;
  const baseSelf = diff ? l.baseSelf![p]! : 0;
  const shares = (v: number): string => {
    const parts = [formatPct(Math.abs(v), l.rootTotal) + (profileTotal ? ' of function' : '')];
    if (profileTotal && profileTotal !== l.rootTotal) parts.push(`${formatPct(Math.abs(v), profileTotal)} of profile`);
    if (zoom > rootPos && p !== zoom && l.depth[p]! > l.depth[zoom]!) parts.push(`${formatPct(Math.abs(v), Math.abs(l.total[zoom]!))} of zoomed`);
    return parts.join(' · ');
  };
  const left = tip.x + 340 > width ? Math.max(0, tip.x - 340) : tip.x + 14;
  return (
    <div className="tip" role="tooltip" style={{ left, top: tip.y + 16 }}>
      {tip.badge && (
        <div className="tip-badge">
          <span className="meme-chip" style={{ background: tip.badge.color }} aria-hidden>
            {tip.badge.symbol}
          </span>{' '}
          <strong>{tip.badge.caption}</strong>
          <div className="hint small">Click the badge to jump to the finding.</div>
        </div>
      )}
      <div className="tip-name">{name}</div>
      {isOther ? (
        <div className="hint small">
          Frames below {formatPct(l.pruned.minFraction, 1)} of the total, folded together by the server ({l.pruned.nodes.toLocaleString('en-US')} frames,{' '}
          {formatValue(Math.abs(l.pruned.weight), l.unit)} across the graph).
        </div>
      ) : null}
      <table>
        <tbody>
          {diff ? (
            <>
              <tr>
                <th scope="row">new</th>
                <td>
                  {formatValue(Math.abs(total), l.unit)} <span className="hint">({formatPct(Math.abs(total), l.rootTotal)})</span>
                </td>
              </tr>
              <tr>
                <th scope="row">base</th>
                <td>
                  {formatValue(Math.abs(base), l.unit)} <span className="hint">({formatPct(Math.abs(base), l.rootBaseTotal)})</span>
                </td>
              </tr>
              <tr>
                <th scope="row">change</th>
                <td className={total - base > 0 ? 'grew' : total - base < 0 ? 'shrank' : ''}>
                  {formatDelta(total - base, l.unit)}
                  {base !== 0 && <span className="hint"> ({formatPct(total - base, Math.abs(base))} of base)</span>}
                </td>
              </tr>
              <tr>
                <th scope="row">self</th>
                <td>
                  {formatValue(Math.abs(self), l.unit)} <span className="hint">(base {formatValue(Math.abs(baseSelf), l.unit)})</span>
                </td>
              </tr>
            </>
          ) : (
            <>
              <tr>
                <th scope="row">total</th>
                <td>
                  {formatValue(Math.abs(total), l.unit)} <span className="hint">({shares(total)})</span>
                </td>
              </tr>
              <tr>
                <th scope="row">self</th>
                <td>
                  {formatValue(Math.abs(self), l.unit)} <span className="hint">({shares(self)})</span>
                </td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      {!isOther && p !== 0 && (
        <div className="hint small">Click to zoom{shiftHint ? ' · Shift+click: callers & callees' : ''}</div>
      )}
    </div>
  );
}
