import { type Metadata } from 'next';
import { ProfileView } from './profile-view';

export const metadata: Metadata = { title: 'Profile · memegraph' };

export default async function ProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProfileView id={id} />;
}
