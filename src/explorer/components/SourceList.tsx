import type { Source } from '../lib/queries';

/** Sources open in a new tab only when the reader follows a link; nothing is fetched from them. */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return <p className="muted">No sources.</p>;
  return (
    <ul className="sources">
      {sources.map((source, index) => (
        <li key={`${source.title}-${index}`}>
          {source.url ? (
            <a href={source.url} target="_blank" rel="noopener noreferrer">{source.title}</a>
          ) : (
            <span>{source.title}</span>
          )}
          <span className="muted"> — {source.publisher}</span>
          {source.note && <div className="note">{source.note}</div>}
        </li>
      ))}
    </ul>
  );
}
