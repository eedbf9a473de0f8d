import { type Metadata, type Viewport } from 'next';
import Link from 'next/link';
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // data-theme is set before hydration by theme-init.js when the user picked a theme.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Blocking on purpose, and tiny: sets data-theme before the first paint (no flash). */}
        <script src="/theme-init.js" />
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/" className="brand" aria-label="memegraph home">
            <span aria-hidden>🔥🧠</span> memegraph
          </Link>
          <nav aria-label="Main">
            <Link href="/profiles">Profiles</Link>
            <Link href="/profiles/diff">Compare</Link>
          </nav>
          <span className="spacer" />
          <ThemeToggle />
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
