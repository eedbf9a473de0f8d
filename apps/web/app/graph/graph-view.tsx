'use client';

import type cytoscape from 'cytoscape';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText, getRootCauses, graphNeighbors, graphNode, graphSearch, type NeighborParams } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { formatDateTime } from '../../lib/format';
import { LABEL_KEYS, labelColor } from '../../lib/graph-style';
import { useLang, type MessageKey } from '../../lib/i18n';
import { alertLink, memeLink, profileLink, rootCauseLink } from '../../lib/links';
import { useFlameTheme } from '../../lib/theme';
import { type WindowValue, windowStart } from '../../lib/time-windows';
import { type GraphEdge, type GraphNode, type SearchHit } from '../../lib/types';
import { SearchBox, useSlashToFocus } from '../_components/search-box';
import { WindowSelect } from '../_components/window-select';

/** Nodes per expansion (the API's bound is 500; more than this is unreadable anyway). */
const EXPAND_LIMIT = 60;
const SEEDS = 3;

const WINDOWS: WindowValue[] = ['', '24h', '7d', '30d', '90d'];

interface Filters {
  classId: string;
  service: string;
  window: string;
}

const toParams = (f: Filters): NeighborParams => {
  return { limit: EXPAND_LIMIT, classId: f.classId || undefined, service: f.service.trim() || undefined, since: windowStart(f.window) };
};

/** The short text drawn on a node: a meme's symbol, else its title cut to fit. */
function shortLabel(n: GraphNode): string {
  if (n.label === 'Meme' && typeof n.props.symbol === 'string') return n.props.symbol;
  const s = n.title || n.id;
  return s.length > 26 ? `${s.slice(0, 25)}…` : s;
}

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

interface Model {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  expanded: string[];
  truncated: Set<string>;
}

const emptyModel = (): Model => ({ nodes: new Map(), edges: new Map(), expanded: [], truncated: new Set() });

export function GraphView() {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const theme = useFlameTheme();

  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  const model = useRef<Model>(emptyModel());
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string | undefined>(() => params.get('node') ?? undefined);
  const [detail, setDetail] = useState<GraphNode>();
  const [filters, setFilters] = useState<Filters>(() => ({ classId: params.get('classId') ?? '', service: params.get('service') ?? '', window: params.get('window') ?? '' }));
  const [serviceDraft, setServiceDraft] = useState(filters.service);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string>();
  const [hidden, setHidden] = useState<Set<string>>(() => new Set());
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>();
  const [searching, setSearching] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;

  const selectedRef = useRef(selected);
  /** The selected node and its relationships stand out (also after new elements arrive). */
  const markSelected = useCallback(() => {
    const c = cy.current;
    if (!c) return;
    c.nodes().removeClass('selected');
    c.edges().removeClass('near');
    if (!selectedRef.current) return;
    const n = c.getElementById(selectedRef.current);
    n.addClass('selected');
    n.connectedEdges().addClass('near');
  }, []);

  /** Adds what the model has and the canvas lacks, placing new nodes around `anchor`, then lays out. */
  const sync = useCallback((anchor?: string) => {
    const c = cy.current;
    if (!c) return;
    const m = model.current;
    const center = anchor ? c.getElementById(anchor) : undefined;
    const origin = center && center.nonempty() ? center.position() : { x: c.width() / 2, y: c.height() / 2 };
    const fresh = [...m.nodes.values()].filter((n) => c.getElementById(n.id).empty());
    const added: cytoscape.ElementDefinition[] = fresh.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
      const r = 90 + fresh.length * 4;
      return {
        group: 'nodes',
        data: { id: n.id, label: n.label, name: shortLabel(n), color: labelColor(n.label), sym: n.label === 'Meme' && typeof n.props.symbol === 'string' ? 1 : 0 },
        position: { x: origin.x + r * Math.cos(angle), y: origin.y + r * Math.sin(angle) },
      };
    });
    const edges: cytoscape.ElementDefinition[] = [...m.edges.values()]
      .filter((e) => c.getElementById(e.id).empty() && m.nodes.has(e.source) && m.nodes.has(e.target))
      .map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type } }));
    if (added.length || edges.length) c.add([...added, ...edges]);
    c.nodes().forEach((n) => {
      n.toggleClass('expanded', m.expanded.includes(n.id()));
      n.style('display', hiddenRef.current.has(String(n.data('label'))) ? 'none' : 'element');
    });
    markSelected();
    if (!added.length && !edges.length) return;
    const first = c.nodes().length === added.length;
    const layout = c.layout({ name: 'cose', randomize: first, animate: false, fit: first, padding: 40, nodeRepulsion: () => 24000, idealEdgeLength: () => 110, nodeOverlap: 24, gravity: 0.3, componentSpacing: 80, numIter: 1500 } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      if (first) return;
      // Bring what was just expanded into view (all of it while the graph is small).
      const focus = c.nodes().length <= 40 || !anchor ? c.elements() : c.getElementById(anchor).closedNeighborhood();
      c.animate({ fit: { eles: focus, padding: 50 } }, { duration: reducedMotion() ? 0 : 300 });
    });
    layout.run();
  }, [markSelected]);

  const expand = useCallback(
    async (id: string) => {
      setBusy((b) => b + 1);
      try {
        const g = await graphNeighbors(id, toParams(filtersRef.current));
        const m = model.current;
        for (const n of g.nodes) m.nodes.set(n.id, n);
        for (const e of g.edges) m.edges.set(e.id, e);
        if (!m.expanded.includes(id)) m.expanded.push(id);
        if (g.truncated) m.truncated.add(id);
        else m.truncated.delete(id);
        setError(undefined);
        sync(id);
        bump();
      } catch (err) {
        setError(errorText(err));
      } finally {
        setBusy((b) => b - 1);
      }
    },
    [sync],
  );

  const clear = () => {
    model.current = emptyModel();
    cy.current?.elements().remove();
    bump();
  };

  /** A sensible start: the node in the URL, else the root causes with the most recent incidents. */
  const seed = useCallback(
    async (start?: string) => {
      if (start) {
        await expand(start);
        return;
      }
      try {
        const causes = await getRootCauses(true);
        const recent = causes.filter((c) => c.lastIncidentAt).sort((a, b) => (a.lastIncidentAt! < b.lastIncidentAt! ? 1 : -1));
        const picks = (recent.length ? recent : [...causes].sort((a, b) => b.memeCount + b.fixCount - (a.memeCount + a.fixCount))).slice(0, SEEDS);
        for (const c of picks) await expand(c.id);
        cy.current?.fit(undefined, 40);
      } catch (err) {
        setError(errorText(err));
      }
    },
    [expand],
  );

  // Cytoscape is loaded only on this page, on mount.
  useEffect(() => {
    let destroyed = false;
    void import('cytoscape').then(({ default: cytoscapeLib }) => {
      if (destroyed || !container.current) return;
      const c = cytoscapeLib({ container: container.current, minZoom: 0.15, maxZoom: 3, boxSelectionEnabled: false });
      cy.current = c;
      // Where each node is drawn, for tests and tools (like the flame graph's data-badges).
      const publish = () => {
        if (!container.current) return;
        container.current.dataset.positions = c
          .nodes(':visible')
          .map((n) => {
            const p = n.renderedPosition();
            return `${n.id()}|${Math.round(p.x)},${Math.round(p.y)}`;
          })
          .join('\n');
      };
      c.on('layoutstop viewport add remove', publish);
      c.on('tap', 'node', (e) => {
        const id = String(e.target.id());
        setSelected(id);
        if (!model.current.expanded.includes(id)) void expand(id);
      });
      setReady(true);
    });
    return () => {
      destroyed = true;
      cy.current?.destroy();
      cy.current = null;
    };
  }, [expand]);

  // First content once cytoscape is there.
  const initialNode = useRef(params.get('node') ?? undefined);
  useEffect(() => {
    if (ready) void seed(initialNode.current);
  }, [ready, seed]);

  // Colours follow the theme.
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.style([
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          label: 'data(name)',
          color: theme.text,
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-wrap': 'ellipsis',
          'text-max-width': '140px',
          'text-outline-color': theme.bg,
          'text-outline-width': 2,
          width: 26,
          height: 26,
          'border-width': 0,
        },
      },
      { selector: 'node[sym = 1]', style: { 'font-size': 16, 'text-valign': 'center', 'text-margin-y': 0, 'text-outline-width': 0, width: 34, height: 34 } },
      { selector: 'node[label = "RootCause"]', style: { width: 34, height: 34, 'font-weight': 'bold' } },
      { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': theme.text, 'border-opacity': 0.6 } },
      { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#ff8a3d', 'border-opacity': 1 } },
      {
        selector: 'edge',
        style: {
          width: 1.4,
          'line-color': theme.muted,
          'line-opacity': 0.55,
          'curve-style': 'bezier',
          'target-arrow-shape': 'triangle',
          'target-arrow-color': theme.muted,
          'arrow-scale': 0.8,
          'font-size': 8,
          color: theme.muted,
          'text-rotation': 'autorotate',
          'text-opacity': 0.8,
          'text-background-color': theme.bg,
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
        },
      },
      // Relationship names only around the selected node: the rest stays readable.
      { selector: 'edge.near', style: { label: 'data(type)', 'line-color': '#ff8a3d', 'target-arrow-color': '#ff8a3d', 'line-opacity': 1, width: 2 } },
    ]);
  }, [ready, theme]);

  // Selection: highlight, fresh details from the API, URL.
  useEffect(() => {
    selectedRef.current = selected;
    markSelected();
    setDetail(undefined);
    if (!selected) return;
    const ac = new AbortController();
    graphNode(selected, ac.signal)
      .then(setDetail)
      .catch(() => undefined);
    return () => ac.abort();
  }, [selected, ready]);

  // Filters and selection in the URL (shareable).
  useEffect(() => {
    const qs = new URLSearchParams();
    if (selected) qs.set('node', selected);
    if (filters.classId) qs.set('classId', filters.classId);
    if (filters.service) qs.set('service', filters.service);
    if (filters.window) qs.set('window', filters.window);
    const s = qs.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  }, [selected, filters, router, pathname]);

  // New filters: the same nodes expanded again under them.
  const lastFilters = useRef(filters);
  useEffect(() => {
    if (lastFilters.current === filters) return;
    lastFilters.current = filters;
    const again = [...model.current.expanded];
    clear();
    void (async () => {
      for (const id of again) await expand(id);
      cy.current?.fit(undefined, 40);
    })();
  }, [filters]);

  useEffect(() => {
    if (serviceDraft === filters.service) return;
    const id = setTimeout(() => setFilters((f) => ({ ...f, service: serviceDraft })), 500);
    return () => clearTimeout(id);
  }, [serviceDraft, filters.service]);

  // Hidden labels.
  useEffect(() => {
    cy.current?.nodes().forEach((n) => {
      n.style('display', hidden.has(String(n.data('label'))) ? 'none' : 'element');
    });
  }, [hidden]);

  // Search, debounced.
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setHits(undefined);
      return;
    }
    const ac = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      graphSearch(text, 12, ac.signal)
        .then((r) => setHits(r.items))
        .catch((err: unknown) => {
          if (!ac.signal.aborted) setError(errorText(err));
        })
        .finally(() => {
          if (!ac.signal.aborted) setSearching(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [q]);
  useSlashToFocus(searchInput);

  const open = async (id: string) => {
    setSelected(id);
    setHits(undefined);
    setQ('');
    if (!model.current.expanded.includes(id)) {
      await expand(id); // brings it into view
      return;
    }
    const n = cy.current?.getElementById(id);
    if (n && n.nonempty()) cy.current?.animate({ center: { eles: n } }, { duration: reducedMotion() ? 0 : 300 });
  };

  const m = model.current;
  const nodes = [...m.nodes.values()];
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n.label, (counts.get(n.label) ?? 0) + 1);
  const present = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const node = selected ? (detail ?? m.nodes.get(selected)) : undefined;
  const links = selected ? [...m.edges.values()].filter((e) => e.source === selected || e.target === selected) : [];

  return (
    <>
      <h1>{t('graph.title')}</h1>
      <p className="hint">{t('graph.intro')}</p>

      <div className="card toolbar wrap graph-toolbar">
        <div className="graph-search">
          <SearchBox
            id="graph-search"
            label={t('graph.search')}
            value={q}
            onChange={setQ}
            placeholder={t('graph.searchPlaceholder')}
            inputRef={searchInput}
            result={searching ? <span className="spinner" aria-label={t('common.loading')} /> : undefined}
          />
          {hits && (
            <ul className="search-results" aria-label={t('graph.results')}>
              {hits.length === 0 && <li className="hint small">{t('graph.noResults')}</li>}
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="result" onClick={() => void open(h.id)}>
                    <span className="dot" style={{ background: labelColor(h.label) }} aria-hidden />
                    <span className="result-label">{LABEL_KEYS[h.label] ? t(LABEL_KEYS[h.label]!) : h.label}</span>
                    <span className="result-title">{h.title}</span>
                    {h.subtitle && <span className="hint small">{h.subtitle}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <label className="inline">
          <span>{t('alerts.rootCause')}</span>
          <select value={filters.classId} onChange={(e) => setFilters((f) => ({ ...f, classId: e.target.value }))}>
            <option value="">{t('common.all')}</option>
            {catalog.causes.map((c) => (
              <option key={c.classId} value={c.classId}>
                {catalog.memeByClass.get(c.classId)?.symbol ?? ''} {catalog.title(c.classId, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('alerts.service')}</span>
          <input type="text" value={serviceDraft} onChange={(e) => setServiceDraft(e.target.value)} placeholder={t('alerts.anyService')} size={12} />
        </label>
        <WindowSelect value={filters.window} choices={WINDOWS} onChange={(window) => setFilters((f) => ({ ...f, window }))} />
      </div>

      {m.truncated.size > 0 && (
        <p className="notice truncated" role="status" data-testid="graph-truncated">
          <strong>{t('graph.truncated')}</strong> {t('graph.truncatedHint', { n: m.truncated.size, limit: EXPAND_LIMIT })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      <div className="graph-layout">
        <div className="graph-canvas-wrap card">
          <div
            ref={container}
            className="graph-canvas"
            data-testid="graph-canvas"
            data-nodes={nodes.length}
            data-edges={m.edges.size}
            data-expanded={m.expanded.length}
            role="application"
            aria-roledescription={t('graph.canvasRole')}
            aria-label={t('graph.canvasLabel', { n: nodes.length })}
            tabIndex={0}
            onKeyDown={(e) => {
              if (e.key === 'f') cy.current?.fit(undefined, 40);
            }}
          />
          <div className="graph-actions">
            <button type="button" className="ghost small" onClick={() => cy.current?.fit(undefined, 40)} disabled={!ready}>
              {t('graph.fit')}
            </button>
            <button
              type="button"
              className="ghost small"
              disabled={!ready}
              onClick={() => {
                clear();
                setSelected(undefined);
                setHidden(new Set());
                router.replace(pathname, { scroll: false });
                void seed();
              }}
            >
              {t('graph.reset')}
            </button>
          </div>
          {(busy > 0 || !ready) && (
            <div className="graph-busy" role="status">
              <span className="spinner" aria-hidden /> {t('common.loading')}
            </div>
          )}
          <ul className="legend graph-legend" aria-label={t('graph.legend')}>
            {present.map(([label, count]) => (
              <li key={label}>
                <button type="button" className="chip" aria-pressed={!hidden.has(label)} onClick={() => setHidden((h) => (h.has(label) ? new Set([...h].filter((x) => x !== label)) : new Set([...h, label])))}>
                  <span className="dot" style={{ background: labelColor(label) }} aria-hidden />
                  {LABEL_KEYS[label] ? t(LABEL_KEYS[label]!) : label} <span className="hint">{count}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>

        <aside className="card graph-side" aria-label={t('graph.details')} data-testid="graph-side">
          {node ? (
            <NodeDetails
              node={node}
              links={links}
              nodes={m.nodes}
              expanded={m.expanded.includes(node.id)}
              onExpand={() => void expand(node.id)}
              onSelect={(id) => void open(id)}
            />
          ) : (
            <p className="hint">{t('graph.pickNode')}</p>
          )}
          {nodes.length > 0 && (
            <details className="node-list">
              <summary>{t('graph.nodesInView', { n: nodes.length })}</summary>
              <ul>
                {nodes.map((n) => (
                  <li key={n.id}>
                    <button type="button" className="link" onClick={() => void open(n.id)} aria-current={n.id === selected ? 'true' : undefined}>
                      <span className="dot" style={{ background: labelColor(n.label) }} aria-hidden /> {n.title}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </aside>
      </div>
    </>
  );
}

function formatProp(v: unknown, lang: 'en' | 'zh'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) ? formatDateTime(v, lang) : v;
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) return v.map((x) => formatProp(x, lang)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Where a node lives in the rest of the UI, when it has a page. */
function pageOf(n: GraphNode): { href: string; key: MessageKey } | undefined {
  const key = n.id.slice(n.label.length + 1);
  switch (n.label) {
    case 'RootCause':
      return { href: rootCauseLink(key), key: 'graph.openRootCause' };
    case 'Alert':
      return { href: alertLink(key), key: 'graph.openAlert' };
    case 'Profile':
      return { href: profileLink(key), key: 'graph.openProfile' };
    case 'Meme':
      return n.props.builtin === false ? { href: memeLink(key), key: 'graph.openMeme' } : typeof n.props.classId === 'string' ? { href: rootCauseLink(n.props.classId), key: 'graph.openRootCause' } : undefined;
    case 'Service':
      return { href: `/?service=${encodeURIComponent(key)}`, key: 'graph.openServiceAlerts' };
    case 'Incident':
      return typeof n.props.classId === 'string' ? { href: rootCauseLink(n.props.classId), key: 'graph.openRootCause' } : undefined;
    default:
      return undefined;
  }
}

function NodeDetails({
  node,
  links,
  nodes,
  expanded,
  onExpand,
  onSelect,
}: {
  node: GraphNode;
  links: GraphEdge[];
  nodes: Map<string, GraphNode>;
  expanded: boolean;
  onExpand: () => void;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useLang();
  const page = pageOf(node);
  const props = Object.entries(node.props).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <div className="node-details" data-node-id={node.id}>
      <div className="node-kind">
        <span className="dot" style={{ background: labelColor(node.label) }} aria-hidden />
        {LABEL_KEYS[node.label] ? t(LABEL_KEYS[node.label]!) : node.label}
      </div>
      <h2 className="node-title">{node.title}</h2>
      {node.subtitle && <div className="hint small">{node.subtitle}</div>}
      <div className="toolbar node-actions">
        {page && (
          <Link href={page.href} className="button-link">
            {t(page.key)} →
          </Link>
        )}
        {!expanded && (
          <button type="button" className="ghost small" onClick={onExpand}>
            {t('graph.expand')}
          </button>
        )}
      </div>
      <dl className="props">
        {props.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{formatProp(v, lang)}</dd>
          </div>
        ))}
      </dl>
      {links.length > 0 && (
        <>
          <h4>{t('graph.connections', { n: links.length })}</h4>
          <ul className="connections">
            {links.map((e) => {
              const out = e.source === node.id;
              const other = nodes.get(out ? e.target : e.source);
              return (
                <li key={e.id}>
                  <span className="rel">
                    {out ? '→' : '←'} {e.type}
                  </span>{' '}
                  <button type="button" className="link" onClick={() => onSelect(out ? e.target : e.source)}>
                    {other?.title ?? (out ? e.target : e.source)}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
