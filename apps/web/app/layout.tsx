import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'memegraph',
  description: 'What is wrong with this Go service, how sure we are, what to do now.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand" aria-label="memegraph home">
            <span aria-hidden>🔥🧠</span> memegraph
          </Link>
          <nav aria-label="Main">
            <Link href="/profiles">Profiles</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
