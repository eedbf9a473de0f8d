import { MEMES } from './catalog';

/** The catalog flattened for the graph's parameterised seeding. */
export const memeSeedRows = () =>
  MEMES.map((m) => ({
    id: m.id,
    classId: m.classId,
    symbol: m.symbol,
    color: m.color,
    captionZh: m.caption.zh,
    captionEn: m.caption.en,
    explanationZh: m.explanation.zh,
    explanationEn: m.explanation.en,
    origin: m.origin,
  }));
