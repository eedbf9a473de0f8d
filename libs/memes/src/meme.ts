import type { RootCauseClassId } from '@memegraph/contracts';

/** A meme: the team's shorthand for one anti-pattern, shown beside the evidence. */
export interface Meme {
  /** Stable, URL-safe; never renamed once shipped (links and graph nodes use it). */
  id: string;
  classId: RootCauseClassId;
  /** A short emoji sequence shown as one unit (never wrapped or split). */
  symbol: string;
  /** Badge colour (hex) for flame graphs and the UI; distinct per meme. */
  color: string;
  caption: { zh: string; en: string };
  /** One line: what the picture means technically. */
  explanation: { zh: string; en: string };
  /** Where the caption comes from: the founding seed document, or written by the team. */
  origin: 'seed' | 'team';
}
