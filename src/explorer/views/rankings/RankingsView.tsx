import { useMemo, useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { SourceList } from '../../components/SourceList';
import { Status } from '../../components/Status';
import { downloadCsv } from '../../lib/download';
import { INDICATORS_AND_FYLKER, RANKING, type RankingRow } from '../../lib/queries';
import { navigate } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { RankHistory } from './RankHistory';

const DEFAULT_INDICATOR = 'kommune-nm/kompetanse';

type SortKey = 'rank' | 'kommune' | 'fylke' | 'scope' | 'score';
interface Sort {
  key: SortKey;
  ascending: boolean;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'rank', label: 'Rank' },
  { key: 'kommune', label: 'Kommune' },
  { key: 'fylke', label: 'Fylke' },
  { key: 'scope', label: 'Ranked among' },
  { key: 'score', label: 'Score' },
];

function sortValue(row: RankingRow, key: SortKey): string | number {
  switch (key) {
    case 'rank': return row.rank;
    case 'kommune': return row.kommune?.name ?? '';
    case 'fylke': return row.kommune?.fylke.name ?? '';
    case 'scope': return row.scopeName;
    case 'score': return row.score ?? Number.NEGATIVE_INFINITY;
  }
}

function compareRows(sort: Sort) {
  return (a: RankingRow, b: RankingRow): number => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nb');
    // Ties keep national ranks before fylke ranks and then rank order, as the API sends them.
    const scopeOrder = a.scope === b.scope ? 0 : a.scope === 'NATIONAL' ? -1 : 1;
    return (sort.ascending ? order : -order) || scopeOrder || a.rank - b.rank;
  };
}

/** Kommune-NM tables per indicator and edition (Query.ranking), with a kommune's history beside them. */
export function RankingsView({ params }: { params: URLSearchParams }) {
  const meta = useQuery(INDICATORS_AND_FYLKER, {});
  const rankIndicators = useMemo(() => (meta.data?.indicators ?? []).filter((indicator) => indicator.kind === 'RANK'), [meta.data]);

  const requested = params.get('indicator');
  const indicator = rankIndicators.find((candidate) => candidate.key === requested)
    ?? rankIndicators.find((candidate) => candidate.key === DEFAULT_INDICATOR)
    ?? rankIndicators[0];
  const editionParam = Number(params.get('edition'));
  const edition = indicator?.years.includes(editionParam) ? editionParam : indicator?.years.at(-1);
  const fylke = params.get('fylke') ?? '';
  const selectedNr = params.get('kommune') ?? '';

  const ranking = useQuery(
    RANKING,
    { indicator: indicator?.key, edition, fylke: fylke || null },
    !indicator || edition === undefined,
  );
  const [sort, setSort] = useState<Sort>({ key: 'rank', ascending: true });
  const rows = useMemo(
    () => (ranking.data?.ranking.edges ?? []).map((edge) => edge.node).sort(compareRows(sort)),
    [ranking.data, sort],
  );

  function update(changes: Record<string, string | number | undefined>) {
    navigate('rankings', { indicator: indicator?.key, edition, fylke, kommune: selectedNr, ...changes }, true);
  }

  function toggleSort(key: SortKey) {
    setSort((previous) => ({ key, ascending: previous.key === key ? !previous.ascending : key !== 'score' }));
  }

  function exportCsv() {
    downloadCsv(
      `ranking-${indicator?.key.replace(/\W+/g, '-')}-${edition}${fylke ? `-fylke-${fylke}` : ''}.csv`,
      rows.map((row) => ({
        indicator: indicator?.key,
        edition,
        dataYear: row.dataYear,
        rank: row.rank,
        scope: row.scope,
        rankedAmong: row.scopeName,
        placeInFylke: row.placeInFylke ?? '',
        kommuneNr: row.kommune?.nr ?? '',
        kommune: row.kommune?.name ?? '',
        fylke: row.kommune?.fylke.name ?? '',
        score: row.score ?? '',
        publishedNr: row.publishedNr ?? '',
        derived: row.derived,
        note: row.note ?? '',
        sources: row.sources.map((source) => [source.title, source.url].filter(Boolean).join(' ')).join(' | '),
      })),
    );
  }

  return (
    <div className="two-columns">
      <section className="panel" aria-labelledby="rankings-title">
        <h1 id="rankings-title">Rankings</h1>
        <Status loading={meta.loading} error={meta.error} />
        {indicator && (
          <>
            <div className="inline wrap controls-row">
              <SelectField
                label="Indicator"
                value={indicator.key}
                options={rankIndicators.map((candidate) => ({ value: candidate.key, label: candidate.name }))}
                onChange={(key) => update({ indicator: key, edition: undefined })}
              />
              <SelectField
                label="Edition"
                value={String(edition ?? '')}
                options={[...indicator.years].reverse().map((year) => ({ value: String(year), label: String(year) }))}
                onChange={(year) => update({ edition: year })}
              />
              <SelectField
                label="Fylke"
                value={fylke}
                options={[{ value: '', label: 'All fylker' }, ...(meta.data?.fylker ?? []).map((f) => ({ value: f.nr, label: `${f.name} (${f.nr})` }))]}
                onChange={(nr) => update({ fylke: nr })}
              />
              <button type="button" onClick={exportCsv} disabled={rows.length === 0}>Export CSV</button>
            </div>
            <details className="description">
              <summary>About this indicator</summary>
              <p>{indicator.description}</p>
            </details>
          </>
        )}
        <Status loading={ranking.loading} error={ranking.error}>
          {ranking.data && (
            <>
              <p>
                {rows.length} published rank{rows.length === 1 ? '' : 's'} for edition {edition} (statistics of {(edition ?? 0) - 1}).
                Choose a kommune to see its history.
              </p>
              <table className="data">
                <caption className="visually-hidden">
                  {indicator?.name}, edition {edition}; column headers sort the table
                </caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                        <button type="button" className="sort" onClick={() => toggleSort(column.key)}>
                          {column.label}
                          <span aria-hidden="true">{sort.key === column.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      </th>
                    ))}
                    {fylke && <th scope="col">Place in fylke</th>}
                    <th scope="col">Sources</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} className={row.kommune?.nr === selectedNr ? 'selected' : undefined}>
                      <td className="number">{row.rank}{row.derived && <abbr title="derived here from other published ranks">*</abbr>}</td>
                      <td>
                        {row.kommune ? (
                          <button type="button" className="link-button" aria-pressed={row.kommune.nr === selectedNr} onClick={() => update({ kommune: row.kommune!.nr })}>
                            {row.kommune.name}
                          </button>
                        ) : '—'}
                      </td>
                      <td>{row.kommune?.fylke.name ?? ''}</td>
                      <td>{row.scopeName}</td>
                      <td className="number">{row.score ?? '—'}</td>
                      {fylke && <td className="number">{row.placeInFylke ?? ''}</td>}
                      <td>
                        <details>
                          <summary>{row.sources.length} source{row.sources.length === 1 ? '' : 's'}</summary>
                          <SourceList sources={row.sources} />
                          {row.note && <p className="note">{row.note}</p>}
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Status>
      </section>
      <aside className="panel" aria-label="Kommune history">
        {selectedNr && indicator ? (
          <RankHistory nr={selectedNr} indicator={indicator.key} indicatorName={indicator.name} />
        ) : (
          <p className="muted">Choose a kommune in the table to see its ranks over the editions.</p>
        )}
      </aside>
    </div>
  );
}
