import type { KommuneAnswer, MeasureFigure } from '../../lib/queries';
import { metricLabel } from '../../lib/metricLabel';
import { hrefFor } from '../../lib/route';
import { latestRanks } from './latestRanks';

function formatFigure(figure: MeasureFigure): string {
  if (figure.value === null) return '';
  return Number.isInteger(figure.value) ? figure.value.toLocaleString('en-GB') : figure.value.toPrecision(3);
}

function indexName(name: string): string {
  return name.replace(/^Kommune-NM:\s*/, '');
}

/** A kommune's newest Kommune-NM ranks and its cooperation figures (`Kommune.rankings`, `Kommune.cooperation`). */
export function KommunePanel({ kommune }: { kommune: KommuneAnswer }) {
  const ranks = latestRanks(kommune.rankings);
  const { measures, ecosystemCurated } = kommune.cooperation;
  return (
    <>
      <h3>Kommune-NM ranks</h3>
      {ranks.length === 0 ? (
        <p className="muted">No published Kommune-NM rank is held for {kommune.name}.</p>
      ) : (
        <table className="compact kommune-ranks" data-testid="kommune-ranks">
          <caption className="visually-hidden">Newest published Kommune-NM ranks of {kommune.name}</caption>
          <thead>
            <tr><th scope="col">Index</th><th scope="col">Rank</th><th scope="col">Edition</th></tr>
          </thead>
          <tbody>
            {ranks.map(({ indicator, edition, ranks: published }) => (
              <tr key={indicator.key}>
                <th scope="row">
                  <a href={hrefFor('rankings', { indicator: indicator.key, edition, kommune: kommune.nr })}>{indexName(indicator.name)}</a>
                </th>
                <td>
                  {published.map((entry) => (
                    <div key={entry.id}>
                      {entry.rank} in {entry.scopeName}
                      {entry.derived && <span className="muted" title="Derived here from other published ranks"> (derived)</span>}
                    </div>
                  ))}
                </td>
                <td className="number">{edition}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Cooperation</h3>
      {!ecosystemCurated && (
        <p className="note">The business ecosystem of {kommune.name} is not curated: its curated measures are unknown here, not zero.</p>
      )}
      <table className="compact kommune-cooperation" data-testid="kommune-cooperation">
        <caption className="visually-hidden">Cooperation figures of {kommune.name}</caption>
        <thead>
          <tr><th scope="col">Measure</th><th scope="col">Figure</th><th scope="col">Year</th></tr>
        </thead>
        <tbody>
          {measures.map((figure) => (
            <tr key={figure.metric}>
              <th scope="row">
                {metricLabel(figure.metric)}
                {!figure.cooperation && <span className="muted"> (geography)</span>}
              </th>
              <td className="number">{figure.measured ? formatFigure(figure) : <span className="muted">not measured</span>}</td>
              <td className="number">{figure.year ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
