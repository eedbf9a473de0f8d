/** One alert's runbook, as kube-prometheus-style Markdown files are written. */
export interface MarkdownRunbook {
  path: string;
  /** The alert rule name: the document's H1 (e.g. KubePodCrashLooping). */
  alertName: string;
  title: string;
  meaning: string;
  impact: string;
  diagnosis: string;
  mitigation: string;
  /** Inline and fenced code that looks like commands (kubectl, promtool, curl, ...). */
  commands: string[];
}

const SECTION = /^##\s+(.+?)\s*$/;
const COMMAND = /^(kubectl|oc|promtool|amtool|curl|etcdctl|helm|redis-cli|go tool pprof|systemctl|journalctl|df|du|free|dmesg|ss|netstat|dig|nslookup|openssl|chronyc|timedatectl)\b/;

/**
 * Parses a runbook: optional YAML front matter (its `title`), an H1 naming the alert, and H2
 * sections. Returns undefined for documents that are not runbooks (no H1 alert name).
 */
export function parseRunbookMarkdown(markdown: string, path: string): MarkdownRunbook | undefined {
  let body = markdown.replace(/\r\n/g, '\n');
  let title = '';
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    title = /^title:\s*(.+)$/m.exec(front[1]!)?.[1]?.trim().replace(/^["']|["']$/g, '') ?? '';
    body = body.slice(front[0].length);
  }
  const h1 = /^#\s+(\S.*?)\s*$/m.exec(body);
  if (!h1) return undefined;
  // Runbook sets name each file after its alert rule (KubePodCrashLooping.md); that wins over
  // the H1, which is sometimes a title in words or copied from a sibling page.
  const heading = h1[1]!.replace(/`/g, '').trim();
  const fileName = (path.split(/[\\/]/).pop() ?? '').replace(/\.md$/i, '');
  const alertLike = /^[A-Z][a-z0-9]+([A-Z][A-Za-z0-9]*)+$/.test(fileName) ? fileName : undefined;
  const alertName = [alertLike, heading, heading.replace(/\s+/g, '')].find((c): c is string => !!c && /^[A-Za-z][A-Za-z0-9_:.-]*$/.test(c));
  if (!alertName) return undefined;
  const sections: Record<string, string[]> = {};
  let current = '';
  for (const line of body.slice(h1.index + h1[0].length).split('\n')) {
    const m = SECTION.exec(line);
    if (m) {
      current = m[1]!.toLowerCase();
      sections[current] = [];
    } else if (current) {
      sections[current]!.push(line);
    }
  }
  const text = (...names: string[]) =>
    names
      .map((n) => Object.entries(sections).find(([k]) => k.startsWith(n))?.[1]?.join('\n').trim() ?? '')
      .filter(Boolean)
      .join('\n\n');
  const known = ['meaning', 'description', 'summary', 'impact', 'diagnosis', 'debug', 'troubleshoot', 'mitigation', 'resolution', 'remediation', 'runbook'];
  if (!Object.keys(sections).some((k) => known.some((n) => k.startsWith(n)))) return undefined;
  const commands = new Set<string>();
  for (const m of body.matchAll(/`([^`\n]+)`/g)) if (COMMAND.test(m[1]!.trim())) commands.add(m[1]!.trim());
  for (const m of body.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    for (const line of m[1]!.split('\n').map((l) => l.replace(/^\$\s*/, '').trim())) if (COMMAND.test(line)) commands.add(line);
  }
  return {
    path,
    alertName,
    title: title || heading,
    meaning: text('meaning', 'description', 'summary'),
    impact: text('impact'),
    diagnosis: text('diagnosis', 'debug', 'troubleshoot'),
    mitigation: text('mitigation', 'resolution', 'remediation'),
    commands: [...commands],
  };
}
