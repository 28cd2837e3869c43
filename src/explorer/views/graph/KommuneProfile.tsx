import { Status } from '../../components/Status';
import { exportHref } from '../../lib/exportLinks';
import { metricLabel } from '../../lib/metricLabel';
import { useQuery } from '../../lib/useQuery';
import { KOMMUNE_PROFILE, type KommuneProfileResult } from '../screening/queries';

type Entry = KommuneProfileResult['measures'][number] | KommuneProfileResult['indicators'][number];

/** A bar from 0 to the kommune's percentile among all kommuner, with a tick at its percentile among its size peers. */
function PercentileBar({ all, peers }: { all: number | null; peers: number | null }) {
  return (
    <svg width="80" height="14" role="img" aria-label={`percentile ${all === null ? 'none' : all.toFixed(0)} of all, ${peers === null ? 'none' : peers.toFixed(0)} of peers`}>
      <rect x="0" y="3" width="80" height="8" fill="#e6e6e6" />
      {all !== null && <rect x="0" y="3" width={(80 * all) / 100} height="8" fill="#4a78b5" />}
      {peers !== null && <rect x={Math.max(0, (80 * peers) / 100 - 1.5)} y="0" width="3" height="14" fill="#c0392b" />}
      <line x1="40" x2="40" y1="0" y2="14" stroke="#666" strokeDasharray="2,2" />
    </svg>
  );
}

function Row({ label, entry }: { label: string; entry: Entry }) {
  const format = (value: number | null | undefined) => (value === null || value === undefined ? '—' : Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toPrecision(3));
  return (
    <tr>
      <th scope="row">{label}{entry.year ? ` ${entry.year}` : ''}</th>
      <td className="number">{format(entry.value)}</td>
      <td className="number">{entry.all.rank === null ? '—' : `${entry.all.rank}/${entry.all.n}`}</td>
      <td className="number">{entry.peers.rank === null ? '—' : `${entry.peers.rank}/${entry.peers.n}`}</td>
      <td><PercentileBar all={entry.all.percentile ?? null} peers={entry.peers.percentile ?? null} /></td>
    </tr>
  );
}

/**
 * Where a kommune stands (Query.kommuneProfile): each cooperation measure and indicator with its
 * rank among all kommuner and among its size peers, drawn as percentile bars, and its residual
 * from indicator ~ measure + log population.
 */
export function KommuneProfile({ nr }: { nr: string }) {
  const profile = useQuery(KOMMUNE_PROFILE, { kommune: nr });
  const data = profile.data?.kommuneProfile;
  return (
    <section className="kommune-profile" aria-labelledby="kommune-profile-title" data-testid="kommune-profile">
      <h3 id="kommune-profile-title">Where it stands</h3>
      <Status loading={profile.loading} error={profile.error}>
        {data && (
          <>
            <p className="muted">
              Bars: percentile among all kommuner measured (100 = best or most); red tick: among {data.peerGroup.size} size peers
              (population {data.peerGroup.populationYear} within a factor 2). Rank 1 is the highest value, or the best rank.
            </p>
            <table className="data compact" style={{ fontSize: '0.8rem' }}>
              <thead><tr><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">Rank</th><th scope="col">Peers</th><th scope="col">Percentile</th></tr></thead>
              <tbody>
                {/* Measures of every kommune first: a curated measure ranks among the few curated kommuner only. */}
                {[...data.measures].filter((m) => m.value !== null).sort((a, b) => Number(a.universe === 'CURATED') - Number(b.universe === 'CURATED'))
                  .map((m) => <Row key={m.key} label={`${metricLabel(m.metric!)}${m.universe === 'CURATED' ? ' (curated)' : ''}`} entry={m} />)}
                {data.indicators.filter((m) => m.value !== null).map((m) => <Row key={m.key} label={m.indicator?.name ?? m.key} entry={m} />)}
              </tbody>
            </table>
            <h4>Residuals: indicator ~ measure + log population</h4>
            <ul className="plain">
              {data.residuals.filter((r) => r.residual !== null).slice(0, 8).map((r) => (
                <li key={`${r.metric}|${r.indicator.key}`}>
                  {r.indicator.name} {r.year} given {metricLabel(r.metric)}: {r.residual! >= 0 ? '+' : ''}{r.residual!.toPrecision(3)}
                  {' '}({r.standardisedResidual === null ? '—' : `${r.standardisedResidual.toFixed(2)} SD`}, percentile {r.percentile?.toFixed(0)} of {r.n})
                </li>
              ))}
            </ul>
            <p>
              <a href={exportHref('profile', 'csv', { kommune: nr })} data-testid="export-profile-csv">Profile CSV with citation</a>{' · '}
              <a href={exportHref('profile', 'json', { kommune: nr })}>JSON</a>
            </p>
          </>
        )}
      </Status>
    </section>
  );
}
