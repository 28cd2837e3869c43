import { SourceList } from '../../components/SourceList';
import { Status } from '../../components/Status';
import { typeStyle } from '../../lib/entityTypes';
import { KommuneProfile } from './KommuneProfile';
import { NODE_DETAILS, type GraphNode } from '../../lib/queries';
import { useQuery } from '../../lib/useQuery';
import { KommunePanel } from './KommunePanel';

interface Props {
  node: GraphNode;
  onExpand: () => void;
  onCentre: () => void;
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toPrecision(4);
  if (Array.isArray(value)) return value.join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The selected node: its properties from the graph view, and from Query.node its sources and, for
 * a kommune, its ranks and cooperation figures.
 */
export function NodeDetails({ node, onExpand, onCentre }: Props) {
  const details = useQuery(NODE_DETAILS, { id: node.id });
  // Only entities carry sources; `node` answers ranking entries and sources as well.
  const answer = details.data?.node;
  const sources = answer && 'sources' in answer ? answer.sources : [];
  // Told apart by the API's __typename, whatever the graph view calls the node's type.
  const kommune = answer?.__typename === 'Kommune' ? answer : undefined;
  const properties = Object.entries(node.properties).filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    <section className="node-details" aria-labelledby="node-details-title">
      <h2 id="node-details-title">{node.label}</h2>
      <p className="muted">
        {typeStyle(node.type).label} · <code>{node.id}</code>
      </p>
      <div className="inline">
        <button type="button" onClick={onExpand}>Expand neighbours</button>
        <button type="button" onClick={onCentre}>Centre graph here</button>
      </div>
      {kommune && <KommunePanel kommune={kommune} />}
      {properties.length > 0 && (
        // A kommune's panel above says what most readers look for; its raw properties stay one click away.
        <details className="properties-details" open={!kommune}>
          <summary>Properties ({properties.length})</summary>
          <table className="properties">
            <caption className="visually-hidden">Properties of {node.label}</caption>
            <tbody>
              {properties.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>{formatValue(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {node.type === 'KOMMUNE' && <KommuneProfile nr={node.id.replace(/^Kommune:/, '')} />}
      <h3>Sources</h3>
      <Status loading={details.loading} error={details.error}>
        <SourceList sources={sources} />
      </Status>
    </section>
  );
}
