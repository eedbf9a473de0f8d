import { type Metadata } from 'next';
import { Suspense } from 'react';
import { MemesView } from './memes-view';

export const metadata: Metadata = { title: 'Memes · memegraph' };

export default function MemesPage() {
  return (
    <section>
      <Suspense fallback={<div className="skeleton" />}>
        <MemesView />
      </Suspense>
    </section>
  );
}
