import { type Metadata } from 'next';
import { Suspense } from 'react';
import { GraphView } from './graph-view';

export const metadata: Metadata = { title: 'Graph · memegraph' };

export default function GraphPage() {
  return (
    <section className="graph-page">
      <Suspense fallback={<div className="skeleton" />}>
        <GraphView />
      </Suspense>
    </section>
  );
}
