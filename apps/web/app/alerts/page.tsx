import { redirect } from 'next/navigation';

/** The alert list lives on the home page. */
export default function AlertsIndex() {
  redirect('/');
}
