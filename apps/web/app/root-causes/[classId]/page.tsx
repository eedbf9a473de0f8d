import { type Metadata } from 'next';
import { RootCauseView } from './root-cause-view';

export const metadata: Metadata = { title: 'Root cause · memegraph' };

export default async function RootCausePage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <RootCauseView classId={classId} />;
}
