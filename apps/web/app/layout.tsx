import { type Metadata, type Viewport } from 'next';
import Link from 'next/link';
import { LangProvider } from '../lib/i18n';
import { serverLang } from '../lib/i18n-server';
import { messages } from '../lib/messages';
import { LangSwitch } from './_components/lang-switch';
import { MainNav } from './_components/main-nav';
import { ThemeToggle } from './_components/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: 'memegraph',
  description: 'What is wrong with this Go service, how sure we are, what to do now.',
};

export const viewport: Viewport = {
  colorScheme: 'dark light',
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
    { media: '(prefers-color-scheme: light)', color: '#f7f8fa' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The user's language (cookie, else Accept-Language) so the first paint is already right.
  const lang = await serverLang();
  const m = messages[lang];
  return (
    // data-theme is set before hydration by theme-init.js when the user picked a theme.
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'} suppressHydrationWarning>
      <head>
        {/* Blocking on purpose, and tiny: sets data-theme before the first paint (no flash). */}
        <script src="/theme-init.js" />
      </head>
      <body>
        <LangProvider initial={lang}>
          <a className="skip" href="#main">
            {m['nav.skip']}
          </a>
          <header className="topbar">
            <Link href="/" className="brand" aria-label={m['nav.home']}>
              <span aria-hidden>🔥🧠</span> memegraph
            </Link>
            <MainNav />
            <span className="spacer" />
            <LangSwitch />
            <ThemeToggle />
          </header>
          <main id="main">{children}</main>
        </LangProvider>
      </body>
    </html>
  );
}
