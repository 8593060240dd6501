import { type ReactNode, useEffect, useRef } from 'react';
import { campaignName } from './api';

/** Whether a screen has been shown yet: the first one keeps the browser's own focus. */
let shown = false;

/**
 * A screen's h1. When the screen opens after another one, it takes the focus (as a new page would),
 * so screen readers announce it, and the window's title follows it.
 */
export function ScreenHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Organise – ${campaignName()}`;
    if (shown) {
      ref.current?.focus();
    }
    shown = true;
  }, [title]);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
