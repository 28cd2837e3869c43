import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { useEffect, useState } from 'react';
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

type SchemaAnswer =
  | { kind: 'loading' }
  | { kind: 'ready'; introspection: IntrospectionQuery }
  | { kind: 'refused' }
  | { kind: 'failed'; detail: string };

/**
 * Asks for the schema once, as GraphiQL would, but keeps the answer here: a server started with
 * GRAPHQL_INTROSPECTION=false refuses with a GraphQL error, which GraphiQL would print raw into
 * the response pane. Any GraphQL error counts as such a refusal; no answer at all is a failure.
 */
async function loadSchema(signal: AbortSignal): Promise<SchemaAnswer> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true }), operationName: 'IntrospectionQuery' }),
      signal,
    });
  } catch (error) {
    return { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
  const body = (await response.json().catch(() => undefined)) as { data?: IntrospectionQuery | null; errors?: unknown[] } | undefined;
  if (body?.data?.__schema) return { kind: 'ready', introspection: body.data };
  if (body?.errors?.length) return { kind: 'refused' };
  return { kind: 'failed', detail: `the API answered ${response.status} ${response.statusText}` };
}

function SchemaNote({ answer }: { answer: SchemaAnswer }) {
  if (answer.kind === 'refused') {
    return (
      <p className="playground-note" role="status" data-testid="schema-note">
        This server does not answer introspection (<code>GRAPHQL_INTROSPECTION=false</code>), so the playground has no
        documentation, completion or checking. Queries still run; the schema is described in the project&apos;s{' '}
        <code>schema/</code> folder.
      </p>
    );
  }
  if (answer.kind === 'failed') {
    return (
      <p className="playground-note" role="status" data-testid="schema-note">
        The schema could not be loaded ({answer.detail}); the playground runs queries without documentation or completion.
      </p>
    );
  }
  return null;
}

/** GraphiQL on this API; the examples are its first tabs and stay one click away in the sidebar. */
export default function PlaygroundView() {
  const [answer, setAnswer] = useState<SchemaAnswer>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    void loadSchema(controller.signal).then((loaded) => {
      if (!controller.signal.aborted) setAnswer(loaded);
    });
    return () => controller.abort();
  }, []);

  if (answer.kind === 'loading') return <p className="muted">Loading the schema…</p>;
  return (
    <div className="playground">
      <SchemaNote answer={answer} />
      <GraphiQL
        fetcher={fetcher}
        // Null tells GraphiQL to run without a schema rather than ask for one itself.
        schema={answer.kind === 'ready' ? answer.introspection : null}
        // Giving plugins replaces GraphiQL's default list, so the history is named again.
        plugins={[examplesPlugin, HISTORY_PLUGIN]}
        defaultTabs={EXAMPLE_QUERIES.map((example) => ({ query: example.query }))}
        forcedTheme="light"
      />
    </div>
  );
}
