import { EXAMPLE_QUERIES } from './examples.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A self-contained page (no external requests) with example queries to paste or run. */
export function startPageHtml(): string {
  const examples = EXAMPLE_QUERIES.map((example) => `
    <section>
      <h2>${escapeHtml(example.title)}</h2>
      <pre>${escapeHtml(example.query)}</pre>
      <a href="/graphql?query=${encodeURIComponent(example.query)}">run (GET /graphql)</a>
    </section>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Regional cooperation knowledge graph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
pre{background:#f3f4f6;padding:1rem;overflow:auto;border-radius:6px}h2{font-size:1.1rem}</style></head>
<body><h1>Regional cooperation knowledge graph</h1>
<p>GraphQL API at <code>/graphql</code> (POST JSON or GET). Kommuner, fylker, clusters, schools, events and
initiatives with NHO Kommune-NM ranks and SSB/Udir statistics, every fact with its source.</p>
${examples}
</body></html>`;
}
