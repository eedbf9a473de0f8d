import { type Metadata } from 'next';
import { ProfilesView } from './profiles-view';

export const metadata: Metadata = { title: 'Profiles · memegraph' };

export default function ProfilesPage() {
  return (
    <section>
      <h1>Profiles</h1>
      <p className="hint">
        Upload a Go pprof profile (<code>curl -s http://host:6060/debug/pprof/heap &gt; heap.pb.gz</code>) or a goroutine dump. Analysis runs in the
        background; this list updates by itself. Open a profile for its flame graph, top functions and findings.
      </p>
      <ProfilesView />
    </section>
  );
}
