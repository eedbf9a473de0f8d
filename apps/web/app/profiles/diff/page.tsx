import { type Metadata } from 'next';
import { serverT } from '../../../lib/i18n-server';
import { DiffView } from './diff-view';

export const metadata: Metadata = { title: 'Compare profiles · memegraph' };

export default async function DiffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const { t } = await serverT();
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return (
    <section>
      <h1>{t('profiles.compare')}</h1>
      <p className="hint">{t('profiles.compareIntro')}</p>
      <DiffView initialBase={one(q.base)} initialNew={one(q.new)} initialType={one(q.sampleIndex)} />
    </section>
  );
}
