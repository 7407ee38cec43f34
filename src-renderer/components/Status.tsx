import type { ReactNode } from 'react';

/** Loading and empty placeholders, so every panel says what it is waiting for. */
export function Loading({ what }: { what: string }) {
  return (
    <div className="status loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="status empty">{children}</div>;
}
