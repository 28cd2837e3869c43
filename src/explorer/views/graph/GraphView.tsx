import { useEffect, useMemo, useRef, useState } from 'react';
import { EntitySearch } from '../../components/EntitySearch';
import { Status } from '../../components/Status';
import { gql } from '../../lib/api';
import { downloadCsv, downloadJson } from '../../lib/download';
import { typeStyle } from '../../lib/entityTypes';
import { GRAPH, PATH, type GraphNode, type SearchHit } from '../../lib/queries';
import { navigate } from '../../lib/route';
import { edgeWeight, edgeYear } from './edgeLabel';
import { GraphCanvas, type SizeMeasure } from './graphCanvas';
import { NodeDetails } from './NodeDetails';

export const LANDING_ENTITY = 'Kommune:3006';

interface Props {
  params: URLSearchParams;
}

interface ViewStatus {
  loading?: boolean;
  error?: string;
  message?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]+/g, '-');
}

/** Search, neighbourhoods (Query.graph), expansion, paths (Query.path), filters and node details. */
export function GraphView({ params }: Props) {
  const center = params.get('center') || LANDING_ENTITY;
  const depth = Math.min(3, Math.max(1, Number(params.get('depth')) || 1));

  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<GraphCanvas | null>(null);
  const expanded = useRef(new Set<string>());
  const onTap = useRef<(id: string) => void>(() => undefined);

  const [nodes, setNodes] = useState<GraphNode[]>([]);
  const [edgeCount, setEdgeCount] = useState(0);
  const [selectedId, setSelectedId] = useState<string>();
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(new Set());
  const [measure, setMeasure] = useState<SizeMeasure>('degree');
  const [truncated, setTruncated] = useState(false);
  const [pathShown, setPathShown] = useState(false);
  const [status, setStatus] = useState<ViewStatus>({ loading: true });

  const labelOf = (id: string) => (canvasRef.current?.cy.getElementById(id).data('label') as string | undefined) ?? id;

  function refreshLists() {
    const snapshot = canvasRef.current!.snapshot(false);
    setNodes(snapshot.nodes.sort((a, b) => a.label.localeCompare(b.label, 'nb')));
    setEdgeCount(snapshot.edges.length);
  }

  useEffect(() => {
    const canvas = new GraphCanvas(containerRef.current!, (id) => onTap.current(id));
    canvasRef.current = canvas;
    return () => {
      canvas.destroy();
      canvasRef.current = null;
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setStatus({ loading: true });
    setPathShown(false);
    gql(GRAPH, { center, depth }, controller.signal).then(
      ({ graph }) => {
        const canvas = canvasRef.current!;
        canvas.replace(graph);
        canvas.setHiddenTypes(hiddenTypes);
        expanded.current = new Set([center]);
        setTruncated(graph.truncated);
        canvas.select(center);
        setSelectedId(center);
        refreshLists();
        setStatus({ message: `${graph.nodes.length} nodes and ${graph.edges.length} edges around ${labelOf(center)}.` });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStatus({ error: errorText(error) });
      },
    );
    return () => controller.abort();
    // hiddenTypes is applied by its own effect; reloading on a filter change would lose expansions.
  }, [center, depth]);

  useEffect(() => canvasRef.current?.setHiddenTypes(hiddenTypes), [hiddenTypes]);
  useEffect(() => canvasRef.current?.setMeasure(measure), [measure]);

  async function expand(id: string) {
    if (expanded.current.has(id)) return;
    expanded.current.add(id);
    setStatus({ loading: true });
    try {
      const { graph } = await gql(GRAPH, { center: id, depth: 1 });
      const canvas = canvasRef.current;
      if (!canvas) return;
      const added = canvas.merge(graph, id);
      canvas.setHiddenTypes(hiddenTypes);
      if (graph.truncated) setTruncated(true);
      refreshLists();
      setStatus({ message: `Expanded ${labelOf(id)}: ${added} new node${added === 1 ? '' : 's'}.` });
    } catch (error) {
      expanded.current.delete(id);
      setStatus({ error: errorText(error) });
    }
  }

  function select(id: string) {
    canvasRef.current?.select(id);
    setSelectedId(id);
  }

  onTap.current = (id) => {
    select(id);
    void expand(id);
  };

  async function findPath(to: SearchHit) {
    const from = selectedId ?? center;
    setStatus({ loading: true });
    try {
      const { path } = await gql(PATH, { from, to: to.id });
      const canvas = canvasRef.current;
      if (!canvas) return;
      if (!path) {
        setStatus({ message: `No path of at most 6 steps between ${labelOf(from)} and ${to.label}.` });
        return;
      }
      canvas.showPath(path);
      canvas.setHiddenTypes(hiddenTypes);
      setPathShown(true);
      refreshLists();
      setStatus({ message: `Path from ${labelOf(from)} to ${to.label}: ${path.edges.length} step${path.edges.length === 1 ? '' : 's'}, highlighted.` });
    } catch (error) {
      setStatus({ error: errorText(error) });
    }
  }

  function showEntity(hit: SearchHit) {
    // The hash does not change when the hit is the centre already, so nothing would reload.
    if (hit.id === center) select(hit.id);
    else navigate('graph', { center: hit.id, depth });
  }

  function clearPath() {
    canvasRef.current?.clearPath();
    setPathShown(false);
  }

  function toggleType(type: string) {
    setHiddenTypes((previous) => {
      const next = new Set(previous);
      if (!next.delete(type)) next.add(type);
      return next;
    });
  }

  function exportJson() {
    downloadJson(`graph-${fileSafe(center)}.json`, canvasRef.current!.snapshot(truncated));
  }

  function exportNodesCsv() {
    const rows = canvasRef.current!.snapshot(truncated).nodes.map((node) => ({
      id: node.id,
      type: node.type,
      label: node.label,
      degree: node.properties.degree ?? node.properties.networkDegree ?? '',
      pageRank: node.properties.pageRank ?? '',
    }));
    downloadCsv(`graph-${fileSafe(center)}-nodes.csv`, rows);
  }

  function exportEdgesCsv() {
    const rows = canvasRef.current!.snapshot(truncated).edges.map(({ id, source, target, type, properties }) => ({
      id, source, target, type, weight: edgeWeight(properties), year: edgeYear(properties),
    }));
    downloadCsv(`graph-${fileSafe(center)}-edges.csv`, rows);
  }

  const types = useMemo(() => [...new Set(nodes.map((node) => node.type))].sort(), [nodes]);
  const selected = nodes.find((node) => node.id === selectedId);

  return (
    <div className="graph-layout">
      <aside className="panel controls" aria-label="Graph controls">
        <EntitySearch label="Find an entity" onPick={showEntity} />
        <div className="field">
          <label htmlFor="graph-depth">Depth</label>
          <select id="graph-depth" value={depth} onChange={(event) => navigate('graph', { center, depth: event.target.value })}>
            <option value="1">1 step</option>
            <option value="2">2 steps</option>
            <option value="3">3 steps</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="graph-measure">Size nodes by</label>
          <select id="graph-measure" value={measure} onChange={(event) => setMeasure(event.target.value as SizeMeasure)}>
            <option value="degree">Degree</option>
            <option value="pageRank">PageRank</option>
            <option value="none">Nothing (all equal)</option>
          </select>
        </div>
        <fieldset>
          <legend>Show types</legend>
          {types.map((type) => {
            const style = typeStyle(type);
            return (
              <label key={type} className="check">
                <input type="checkbox" checked={!hiddenTypes.has(type)} onChange={() => toggleType(type)} />
                <span className={`swatch shape-${style.shape}`} style={{ background: style.colour }} aria-hidden="true" />
                {style.label}
              </label>
            );
          })}
        </fieldset>
        <EntitySearch
          label={`Path from ${selected?.label ?? labelOf(center)} to`}
          buttonLabel="Find"
          onPick={(hit) => void findPath(hit)}
        />
        {pathShown && <button type="button" onClick={clearPath}>Clear path highlight</button>}
        <div className="field">
          <span className="field-label">Export</span>
          <div className="inline wrap">
            <button type="button" onClick={exportJson}>Graph (JSON)</button>
            <button type="button" onClick={exportNodesCsv}>Nodes (CSV)</button>
            <button type="button" onClick={exportEdgesCsv}>Edges (CSV)</button>
          </div>
        </div>
      </aside>

      <section className="graph-main" aria-label="Graph">
        <Status loading={status.loading} error={status.error}>
          <p>
            {status.message}
            {truncated && ' The view was cut at its node limit; expand nodes to see more.'}
          </p>
        </Status>
        <div
          ref={containerRef}
          className="graph-canvas"
          data-testid="graph-canvas"
          data-nodes={nodes.length}
          data-edges={edgeCount}
          role="img"
          aria-label={`Graph of ${nodes.length} nodes and ${edgeCount} edges. The list of nodes below the graph gives the same nodes as buttons.`}
        />
        <details className="node-list">
          <summary>Nodes in view ({nodes.length})</summary>
          <ul>
            {nodes.map((node) => (
              <li key={node.id}>
                <button type="button" className="link-button" aria-pressed={node.id === selectedId} onClick={() => select(node.id)}>
                  {node.label}
                </button>{' '}
                <span className="muted">{typeStyle(node.type).label}</span>
              </li>
            ))}
          </ul>
        </details>
      </section>

      <aside className="panel details" aria-label="Selected node">
        {selected ? (
          <NodeDetails
            key={selected.id}
            node={selected}
            onExpand={() => void expand(selected.id)}
            onCentre={() => navigate('graph', { center: selected.id, depth })}
          />
        ) : (
          <p className="muted">Click a node, or pick one from the list, to see its properties and sources.</p>
        )}
      </aside>
    </div>
  );
}
