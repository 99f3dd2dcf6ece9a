'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * Renders its children in the browser only. The sweep page's charts are thousands of SVG path
 * commands: drawn on the server they would triple the HTML that must arrive before anything
 * shows, while the browser draws them from the data in a few milliseconds. `later` waits one
 * painted frame more, so the charts below the fold do not hold back the first ones.
 */
export function ClientOnly({
  children,
  height = 240,
  later = false,
}: {
  children: React.ReactNode;
  height?: number;
  later?: boolean;
}) {
  const mounted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [afterPaint, setAfterPaint] = useState(!later);
  useEffect(() => {
    if (afterPaint) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAfterPaint(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [afterPaint]);
  if (mounted && afterPaint) return children;
  return <div className="animate-pulse rounded bg-slate-100" style={{ height }} aria-busy="true" />;
}
