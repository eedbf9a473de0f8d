/** One step of an alert's enrichment, as recorded on its diagnosis. */
export interface EnrichmentStep {
  name: 'diagnose' | 'capture' | 'detect' | 'similar' | 'store' | 'notify';
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
  error?: string;
}

// Mermaid treats ; # and newlines as syntax; keep messages on one safe line.
const clean = (s: string, max = 80) =>
  s
    .replace(/[;#\r\n`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

/** A Mermaid sequence diagram of what happened: alert → capture → findings → diagnosis. */
export function enrichmentDiagram(input: {
  source: string;
  alertName: string;
  service?: string;
  steps: EnrichmentStep[];
  topClassId?: string;
  topConfidence?: number;
  incidentId?: string;
}): string {
  const svc = clean(input.service ?? 'service');
  const lines = [
    'sequenceDiagram',
    `  participant S as ${clean(input.source)}`,
    '  participant M as memegraph',
    `  participant G as ${svc}`,
    `  S->>M: ${clean(input.alertName)} firing`,
  ];
  for (const step of input.steps) {
    const detail = step.detail ? `: ${clean(step.detail)}` : '';
    const failed = step.status === 'failed' ? ` FAILED ${clean(step.error ?? '', 60)}` : '';
    if (step.name === 'capture') {
      if (step.status === 'skipped') lines.push(`  Note over M,G: no pprof target for ${svc}`);
      else {
        lines.push(`  M->>G: GET /debug/pprof/*`);
        lines.push(`  G-->>M: profiles${detail}${failed}`);
      }
    } else if (step.name === 'notify') {
      lines.push(`  M-->>S: notify${detail}${failed}`);
    } else if (step.status !== 'skipped') {
      lines.push(`  M->>M: ${step.name}${detail}${failed}`);
    }
  }
  const verdict = input.topClassId ? `${clean(input.topClassId)} ${Math.round((input.topConfidence ?? 0) * 100)}%` : 'unknown cause';
  lines.push(`  Note over M: diagnosis ${verdict}${input.incidentId ? ` incident ${clean(input.incidentId, 12)}` : ''}`);
  return lines.join('\n');
}
