import { type Metadata } from 'next';
import { RootCausesView } from './root-causes-view';

export const metadata: Metadata = { title: 'Root causes · memegraph' };

export default function RootCausesPage() {
  return (
    <section>
      <RootCausesView />
    </section>
  );
}
