import { lazy, Suspense, useEffect, useRef } from 'react';
import { hrefFor, useRoute, type View } from './lib/route';
import { CorrelationView } from './views/correlation/CorrelationView';
import { GraphView } from './views/graph/GraphView';
import { RankingsView } from './views/rankings/RankingsView';
import { ScreeningView } from './views/screening/ScreeningView';

// GraphiQL brings Monaco, several megabytes: it loads only when the playground is opened.
const PlaygroundView = lazy(() => import('./views/playground/PlaygroundView'));

const TABS: { view: View; label: string }[] = [
  { view: 'graph', label: 'Graph' },
  { view: 'rankings', label: 'Rankings' },
  { view: 'correlation', label: 'Cooperation vs competence' },
  { view: 'screening', label: 'Screening' },
  { view: 'playground', label: 'GraphQL playground' },
];

export function App() {
  const { view, params } = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const label = TABS.find((tab) => tab.view === view)!.label;

  useEffect(() => {
    document.title = `${label} · Regional cooperation explorer`;
  }, [label]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <p className="app-title">Regional cooperation explorer</p>
        <nav aria-label="Views">
          <ul>
            {TABS.map((tab) => (
              <li key={tab.view}>
                <a href={hrefFor(tab.view)} aria-current={tab.view === view ? 'page' : undefined}>{tab.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className={`view-${view}`}>
        {view === 'graph' && <GraphView params={params} />}
        {view === 'rankings' && <RankingsView params={params} />}
        {view === 'correlation' && <CorrelationView params={params} />}
        {view === 'screening' && <ScreeningView params={params} />}
        {view === 'playground' && (
          <Suspense fallback={<p className="muted">Loading the playground…</p>}>
            <PlaygroundView />
          </Suspense>
        )}
      </main>
    </>
  );
}
