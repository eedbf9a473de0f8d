import { type Metadata } from 'next';
import { Suspense } from 'react';
import { AlertsView } from './alerts/alerts-view';

export const metadata: Metadata = { title: 'Alerts · memegraph' };

/** Home: the live alert list. */
export default function Home() {
  return (
    <section>
      <Suspense fallback={<div className="skeleton" />}>
        <AlertsView />
      </Suspense>
    </section>
  );
}
