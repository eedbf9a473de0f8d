import { type Metadata } from 'next';
import { AlertView } from './alert-view';

export const metadata: Metadata = { title: 'Alert · memegraph' };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AlertView id={id} />;
}
