import { useId, useState, type FormEvent } from 'react';
import { gql } from '../lib/api';
import { typeStyle } from '../lib/entityTypes';
import { SEARCH, type SearchHit } from '../lib/queries';

interface Props {
  label: string;
  buttonLabel?: string;
  onPick: (hit: SearchHit) => void;
}

/** A search form (Query.search) whose hits are buttons: plain controls that work with any keyboard and screen reader. */
export function EntitySearch({ label, buttonLabel = 'Search', onPick }: Props) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | undefined>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      setHits((await gql(SEARCH, { text: text.trim() })).search);
    } catch (caught) {
      setHits(undefined);
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  function pick(hit: SearchHit) {
    setHits(undefined);
    setText(hit.label);
    onPick(hit);
  }

  return (
    <form className="entity-search" role="search" onSubmit={submit}>
      <label htmlFor={inputId}>{label}</label>
      <div className="inline">
        <input id={inputId} type="search" value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
        <button type="submit" disabled={busy}>{buttonLabel}</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {hits && (
        <ul className="hits" aria-label={`Results for ${text}`}>
          {hits.length === 0 && <li className="muted">Nothing found.</li>}
          {hits.map((hit) => (
            <li key={hit.id}>
              <button type="button" className="link-button" onClick={() => pick(hit)}>
                {hit.label} <span className="muted">({typeStyle(hit.type).label})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
