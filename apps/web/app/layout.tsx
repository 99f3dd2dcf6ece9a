import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'Sweepwise',
  description: 'Hyperparameter sweeps for neural networks',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Sweepwise
            </Link>
            <Link href="/sweeps" className="text-sm text-slate-600 hover:text-slate-900">
              Sweeps
            </Link>
            <Link href="/compare" className="text-sm text-slate-600 hover:text-slate-900">
              Compare
            </Link>
            <Link href="/playground" className="text-sm text-slate-600 hover:text-slate-900">
              Playground
            </Link>
            <Link href="/status" className="text-sm text-slate-600 hover:text-slate-900">
              Status
            </Link>
            {/* Not a Next page (a route handler's HTML): a plain link. */}
            <a href="/api/docs" className="text-sm text-slate-600 hover:text-slate-900">
              API
            </a>
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
      </body>
    </html>
  );
}
