/**
 * Turns free text (logs, kubectl output, dumps, chat in English or Chinese) into a set of
 * features for the text model. Binary presence per document: a log line repeated 500 times
 * should not outvote a single distinctive line.
 */

/** Function words that carry no signal in any class; deliberately short ("no", "not" stay: "no such host"). */
const STOPWORDS = new Set(
  'a an the and or of to in on for is are was were be been being it its this that these those with as at by from we i you our my your they he she them their us me has have had do does did so if then than but into which who what would should will just also very'.split(' '),
);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Chinese characters too common to mean anything on their own. */
const CJK_STOP = new Set('的了是在我们你他她它这那就都和与及也还有吗呢吧啊呀把被给对从到为以一个上下中'.split(''));

export interface Token {
  /** Normalised form used for features. */
  term: string;
  /** Offsets of the source word in the text (the whole word for camelCase parts). */
  start: number;
  end: number;
}

/** Splits camelCase / PascalCase / acronym boundaries: "CrashLoopBackOff" -> crash loop back off, "OOMKilled" -> oom killed. */
function camelParts(word: string): string[] {
  const parts = word.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g);
  return parts && parts.length > 1 ? parts.map((p) => p.toLowerCase()) : [];
}

const keepNumber = (n: string) => n.length <= 4;

/** Word tokens with offsets; CJK runs become one token per character (bigrams are added as features). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /[A-Za-z0-9_]+|[\u3400-\u9fff\uf900-\ufaff]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (CJK.test(raw)) {
      tokens.push({ term: raw, start, end });
      continue;
    }
    // Hex addresses, pointers and long numbers are noise (0xc000124a80, 140732).
    if (/^0x[0-9a-f]+$/i.test(raw) || (/^\d+$/.test(raw) && !keepNumber(raw))) continue;
    if (/^[0-9a-f]{12,}$/i.test(raw)) continue;
    const lower = raw.toLowerCase();
    for (const piece of lower.split('_')) {
      if (!piece || STOPWORDS.has(piece)) continue;
      if (/^\d+$/.test(piece) && !keepNumber(piece)) continue;
      tokens.push({ term: piece, start, end });
    }
    if (lower.includes('_') && lower.length <= 60) tokens.push({ term: `~${lower}`, start, end });
    for (const part of camelParts(raw.replace(/_/g, ''))) {
      if (part.length > 1 && !STOPWORDS.has(part) && part !== lower) tokens.push({ term: `~${part}`, start, end });
    }
  }
  return tokens;
}

/** Crude prefix stem: evicted/eviction/evicting -> "evict", throttled/throttling -> "throt". */
const stem = (term: string) => (term.length >= 7 && /^[a-z]+$/.test(term) ? term.slice(0, 5) : undefined);

/** Feature set of a text plus, for each feature, the first source span that produced it (for evidence). */
export interface FeatureSet {
  features: string[];
  spans: Map<string, [number, number]>;
}

export function textFeatures(text: string): FeatureSet {
  const tokens = tokenize(text);
  const spans = new Map<string, [number, number]>();
  const add = (f: string, start: number, end: number) => {
    if (!spans.has(f)) spans.set(f, [start, end]);
  };
  let prev: Token | undefined;
  let prevCjk: Token | undefined;
  for (const t of tokens) {
    if (t.term.startsWith('~')) {
      // camelCase parts count as words but do not break bigram chains.
      add(`w:${t.term.slice(1)}`, t.start, t.end);
      continue;
    }
    if (CJK.test(t.term)) {
      if (!CJK_STOP.has(t.term)) add(`c:${t.term}`, t.start, t.end);
      if (prevCjk && prevCjk.end === t.start) add(`c:${prevCjk.term}${t.term}`, prevCjk.start, t.end);
      prevCjk = t;
      prev = undefined;
      continue;
    }
    prevCjk = undefined;
    add(`w:${t.term}`, t.start, t.end);
    const s = stem(t.term);
    if (s) add(`p:${s}`, t.start, t.end);
    if (prev && t.start - prev.end <= 3 && prev.term !== t.term) add(`b:${prev.term}_${t.term}`, prev.start, t.end);
    prev = t;
  }
  return { features: [...spans.keys()], spans };
}

/** Human-readable form of a feature for "model" evidence. */
export function featureLabel(feature: string): string {
  const body = feature.slice(2);
  if (feature.startsWith('b:')) return body.replace('_', ' ');
  if (feature.startsWith('p:')) return `${body}*`;
  return body;
}
