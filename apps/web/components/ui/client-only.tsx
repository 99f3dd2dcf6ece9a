'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * Renders its children in the browser only. The sweep page's charts are thousands of SVG path
 * commands: drawn on the server they would triple the HTML that must arrive before anything
 * shows, while the browser draws them from the data in a few milliseconds.
 */
export function ClientOnly({
  children,
  height = 240,
}: {
  children: React.ReactNode;
  height?: number;
}) {
  const mounted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (mounted) return children;
  return <div className="animate-pulse rounded bg-slate-100" style={{ height }} aria-busy="true" />;
}
