'use client';

import Link from 'next/link';
import { useCatalog } from '../../lib/catalog';
import { useLang } from '../../lib/i18n';
import { rootCauseLink } from '../../lib/links';
import { type RankedCause } from '../../lib/types';
import { ConfidenceMeter } from './confidence-meter';
import { MemeSymbol } from './meme-symbol';

/** How many ranked classes a diagnosis lists in all. */
const SHOWN = 6;

/**
 * The ranked root-cause classes of a diagnosis after the first `skip` (the verdict shown above
 * it), each with its meme, a link to the class and its confidence. Nothing when none are left.
 */
export function RankingList({ ranking, skip, heading }: { ranking: RankedCause[]; skip: number; heading: string }) {
  const { lang } = useLang();
  const catalog = useCatalog();
  if (ranking.length <= skip) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul className="ranking">
        {ranking.slice(skip, SHOWN).map((r) => (
          <li key={r.classId}>
            <MemeSymbol meme={catalog.memeByClass.get(r.classId)} />
            <Link href={rootCauseLink(r.classId)}>{catalog.title(r.classId, lang)}</Link>
            <ConfidenceMeter value={r.confidence} compact />
          </li>
        ))}
      </ul>
    </>
  );
}
