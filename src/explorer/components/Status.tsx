import type { ReactNode } from 'react';

interface Props {
  loading?: boolean;
  error?: string | undefined;
  children?: ReactNode;
}

/** One polite live region per view, so screen readers hear when an answer arrives or fails. */
export function Status({ loading, error, children }: Props) {
  return (
    <div className="status" aria-live="polite">
      {loading && <p className="muted">Loading…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {!loading && !error && children}
    </div>
  );
}
