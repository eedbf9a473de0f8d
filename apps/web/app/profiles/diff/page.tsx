import { type Metadata } from 'next';
import { DiffView } from './diff-view';

export const metadata: Metadata = { title: 'Compare profiles · memegraph' };

export default async function DiffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return (
    <section>
      <h1>Compare profiles</h1>
      <p className="hint">
        Pick a base (before) and a new (after) profile of the same kind: both flame graphs side by side, and one differential flame graph where red
        grew and blue shrank.
      </p>
      <DiffView initialBase={one(q.base)} initialNew={one(q.new)} initialType={one(q.sampleIndex)} />
    </section>
  );
}
