import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { EXAMPLE_QUERIES } from '../../../http/examples';
import { GRAPHQL_URL } from '../../lib/api';

const fetcher = createGraphiQLFetcher({ url: GRAPHQL_URL });

function ExamplesPane() {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  function open(query: string) {
    addTab();
    queryEditor?.setValue(query);
  }
  return (
    <div className="examples-pane">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Each opens in a new tab.</p>
      <ul>
        {EXAMPLE_QUERIES.map((example) => (
          <li key={example.title}>
            <button type="button" className="link-button" onClick={() => open(example.query)}>{example.title}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M5 4h11l3 3v13H5z" />
      <path d="M8 10h8M8 14h8M8 18h5" />
    </svg>
  );
}

const examplesPlugin: GraphiQLPlugin = { title: 'Examples', icon: ExamplesIcon, content: ExamplesPane };

/** GraphiQL on this API; the examples are its first tabs and stay one click away in the sidebar. */
export default function PlaygroundView() {
  return (
    <div className="playground">
      <GraphiQL
        fetcher={fetcher}
        // Giving plugins replaces GraphiQL's default list, so the history is named again.
        plugins={[examplesPlugin, HISTORY_PLUGIN]}
        defaultTabs={EXAMPLE_QUERIES.map((example) => ({ query: example.query }))}
        forcedTheme="light"
      />
    </div>
  );
}
