import { useEffect, useState } from 'react';

export const VIEWS = ['graph', 'rankings', 'correlation', 'screening', 'playground'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  params: URLSearchParams;
}

/** State lives in the hash (`#/graph?center=Kommune:3006`), so every view can be bookmarked and shared. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'graph';
  return { view, params: new URLSearchParams(query) };
}

export function hrefFor(view: View, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}

export function navigate(view: View, params: Record<string, string | number | undefined> = {}, replace = false): void {
  const href = hrefFor(view, params);
  if (replace) {
    history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
