'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useLang, type MessageKey } from '../../lib/i18n';

const LINKS: { href: string; key: MessageKey; match: (p: string) => boolean }[] = [
  { href: '/', key: 'nav.alerts', match: (p) => p === '/' || p.startsWith('/alerts') },
  { href: '/profiles', key: 'nav.profiles', match: (p) => p.startsWith('/profiles') },
  { href: '/memes', key: 'nav.memes', match: (p) => p.startsWith('/memes') },
  { href: '/graph', key: 'nav.graph', match: (p) => p.startsWith('/graph') },
  { href: '/root-causes', key: 'nav.rootCauses', match: (p) => p.startsWith('/root-causes') },
];

/** The main navigation; the current section is marked for screen readers too. */
export function MainNav() {
  const { t } = useLang();
  const path = usePathname() ?? '/';
  return (
    <nav aria-label={t('nav.main')} className="main-nav">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.match(path) ? 'page' : undefined}>
          {t(l.key)}
        </Link>
      ))}
    </nav>
  );
}
