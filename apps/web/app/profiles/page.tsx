import { type Metadata } from 'next';
import { serverT } from '../../lib/i18n-server';
import { ProfilesView } from './profiles-view';

export const metadata: Metadata = { title: 'Profiles · memegraph' };

export default async function ProfilesPage() {
  const { t } = await serverT();
  const [before, after] = t('profiles.intro').split('{cmd}');
  return (
    <section>
      <h1>{t('profiles.title')}</h1>
      <p className="hint">
        {before}
        <code>curl -s http://host:6060/debug/pprof/heap &gt; heap.pb.gz</code>
        {after}
      </p>
      <ProfilesView />
    </section>
  );
}
