'use client';

import { useEffect, useState } from 'react';
import { useLang } from '../../lib/i18n';
import { useFlameTheme } from '../../lib/theme';

let seq = 0;

/**
 * A Mermaid diagram rendered from the text the API gives. Mermaid (large) is loaded only when
 * this component mounts; securityLevel 'strict' makes it sanitise every label, and its SVG is the
 * only HTML this UI ever injects.
 */
export function MermaidDiagram({ source, label }: { source: string; label: string }) {
  const { t } = useLang();
  const { light } = useFlameTheme();
  const [svg, setSvg] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const id = `mermaid-${++seq}`;
    (async () => {
      const { default: mermaid } = await import('mermaid');
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: light ? 'default' : 'dark', suppressErrorRendering: true, fontFamily: 'system-ui, sans-serif' });
      const out = await mermaid.render(id, source);
      if (live) {
        setSvg(out.svg);
        setError(undefined);
      }
    })().catch((err: unknown) => {
      if (live) setError(err instanceof Error ? err.message : String(err));
    });
    return () => {
      live = false;
      // A failed render can leave its scratch element behind.
      document.getElementById(`d${id}`)?.remove();
    };
  }, [source, light]);

  return (
    <figure className="mermaid-figure">
      {svg ? (
        // Mermaid's own sanitised output (securityLevel 'strict'); nothing else is injected as HTML.
        <div className="mermaid-svg" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
      ) : error ? (
        <p className="error small">{t('mermaid.failed', { error })}</p>
      ) : (
        <div className="skeleton short" aria-label={t('common.loading')} />
      )}
      <details>
        <summary>{t('mermaid.source')}</summary>
        <pre className="code-block">
          <code>{source}</code>
        </pre>
      </details>
    </figure>
  );
}
