import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
// Only WebCola's rectangle module: its overlap removal, without the layout engine and d3.
import { Rectangle, removeOverlaps } from 'webcola/dist/src/rectangle';
import { typeStyle } from '../../lib/entityTypes';
import type { GraphEdge, GraphNode, GraphView } from '../../lib/queries';
import { edgeLabel } from './edgeLabel';

cytoscape.use(fcose);

export type SizeMeasure = 'degree' | 'pageRank' | 'none';

const MIN_SIZE = 22;
const MAX_SIZE = 64;
/** Space kept free around each node with its label, in graph units; also covers the selection border. */
const LABEL_GAP = 6;

/**
 * Label sizes are in graph units, so they shrink as the view zooms out. Bigger nodes get bigger
 * labels, and a label that would be drawn smaller than `min-zoomed-font-size` pixels is left out:
 * zoomed out, only the hubs stay named; zooming in names the rest. Edges are named by their
 * relationship, weight and year (edgeLabel.ts): those of the selected node at a moderate zoom, the
 * others when zoomed in closely, a selected edge or a path always.
 */
const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': 'data(colour)',
      shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1,
      'border-color': '#ffffff',
      color: '#1b1b1b',
      'font-size': `mapData(size, ${MIN_SIZE}, ${MAX_SIZE}, 11, 28)`,
      'min-zoomed-font-size': 7,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'text-wrap': 'ellipsis',
      'text-max-width': '130px',
    },
  },
  // #767676 is the lightest grey with 4.5:1 on white, so edges stay visible (3:1 is the minimum).
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#767676',
      'target-arrow-color': '#767676',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(label)',
      // Cytoscape judges label sizes at the zoom rounded up to a power of two: with these two,
      // edge labels show once the view is zoomed in past 200 %; a dense bundle of commuting
      // flows would otherwise be a smear of text.
      'font-size': 9,
      'min-zoomed-font-size': 19,
      color: '#3b3b3b',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111111', 'z-index': 10 } },
  // The selected node's own edges are named from 50 % zoom on.
  { selector: 'edge.focus', style: { 'min-zoomed-font-size': 9, color: '#1b1b1b', 'z-index': 8 } },
  // A chosen edge is named whatever the zoom.
  { selector: 'edge:selected, edge.path', style: { 'font-size': 11, 'min-zoomed-font-size': 0, color: '#111111', 'z-index': 9 } },
  { selector: '.hidden', style: { display: 'none' } },
  { selector: '.faded', style: { opacity: 0.25 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#111111', 'z-index': 9 } },
  { selector: 'edge.path', style: { width: 4, 'line-color': '#111111', 'target-arrow-color': '#111111', 'z-index': 9 } },
];

function nodeElement(node: GraphNode): cytoscape.ElementDefinition {
  const style = typeStyle(node.type);
  // Properties stay under `props`: names such as `parent` or `source` mean something to Cytoscape.
  return {
    group: 'nodes',
    data: { id: node.id, label: node.label, type: node.type, colour: style.colour, shape: style.shape, size: MIN_SIZE, props: node.properties },
  };
}

function edgeElement(edge: GraphEdge): cytoscape.ElementDefinition {
  return {
    group: 'edges',
    data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type, label: edgeLabel(edge.type, edge.properties), props: edge.properties },
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The Cytoscape instance behind the graph view: merging views, sizing, filtering, paths. */
export class GraphCanvas {
  readonly cy: cytoscape.Core;
  private measure: SizeMeasure = 'degree';

  constructor(container: HTMLElement, onTapNode: (id: string) => void) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.1, maxZoom: 4, selectionType: 'single' });
    this.cy.on('tap', 'node', (event) => onTapNode((event.target as cytoscape.NodeSingular).id()));
  }

  destroy(): void {
    this.cy.destroy();
  }

  /** Replaces everything with `view`. */
  replace(view: GraphView): void {
    this.cy.elements().remove();
    this.merge(view);
  }

  /**
   * Adds the nodes and edges not shown yet. New nodes start where `around` is, so an expanded
   * node's neighbours grow out of it instead of the layout jumping from scratch.
   */
  merge(view: GraphView, around?: string): number {
    const fresh = [
      ...view.nodes.filter((node) => this.cy.getElementById(node.id).empty()).map(nodeElement),
      ...view.edges.filter((edge) => this.cy.getElementById(edge.id).empty()).map(edgeElement),
    ];
    const origin = around ? this.cy.getElementById(around) : undefined;
    const hadNodes = this.cy.nodes().nonempty();
    const added = this.cy.add(fresh);
    if (origin?.nonempty()) {
      const { x, y } = origin.position();
      added.nodes().positions(() => ({ x: x + Math.random() * 40 - 20, y: y + Math.random() * 40 - 20 }));
    }
    this.applySizes();
    this.layout(!hadNodes);
    return added.nodes().length;
  }

  /**
   * fCoSE counts each node's label in its size, so labels repel each other like nodes do and do
   * not overlap. A fresh view starts from fCoSE's spectral draft; a merge refines the positions
   * it has ("proof" quality is what fCoSE needs without randomising).
   */
  private layout(fresh: boolean): void {
    this.cy
      .layout({
        name: 'fcose',
        quality: 'proof',
        randomize: fresh,
        animate: false,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 110,
        nodeRepulsion: () => 20_000,
        nodeSeparation: 120,
        gravity: 0.2,
        numIter: 5000,
        padding: 30,
      } as cytoscape.LayoutOptions)
      .run();
    this.separateLabels();
    this.cy.fit(undefined, 30);
  }

  /**
   * A force layout only discourages overlaps: a hub with a hundred leaves still leaves labels on
   * top of each other. WebCola's overlap removal (VPSC) then moves each shown node, with its
   * label, as little as it can until no two boxes overlap.
   */
  private separateLabels(): void {
    const nodes = this.cy.nodes(':visible');
    const boxes = nodes.map((node) => {
      const box = node.boundingBox({ includeLabels: true, includeOverlays: false });
      return new Rectangle(box.x1 - LABEL_GAP, box.x2 + LABEL_GAP, box.y1 - LABEL_GAP, box.y2 + LABEL_GAP);
    });
    const before = boxes.map((box) => ({ x: box.cx(), y: box.cy() }));
    removeOverlaps(boxes);
    this.cy.batch(() => {
      nodes.forEach((node, index) => {
        const { x, y } = node.position();
        node.position({ x: x + boxes[index]!.cx() - before[index]!.x, y: y + boxes[index]!.cy() - before[index]!.y });
      });
    });
  }

  setMeasure(measure: SizeMeasure): void {
    this.measure = measure;
    this.applySizes();
    // Bigger nodes carry bigger labels.
    this.separateLabels();
  }

  /**
   * Sizes nodes by the degree or PageRank that the analyze job stored (`networkDegree` on stored
   * nodes, `degree` in other payloads) when the node has it; without it, degree falls back to the
   * number of neighbours in the view and PageRank to the smallest size.
   */
  private applySizes(): void {
    const nodes = this.cy.nodes();
    const values = nodes.map((node) => {
      const props = node.data('props') as Record<string, unknown>;
      if (this.measure === 'degree') return numberOrUndefined(props.degree) ?? numberOrUndefined(props.networkDegree) ?? node.degree(false);
      if (this.measure === 'pageRank') return numberOrUndefined(props.pageRank) ?? 0;
      return 0;
    });
    // Square roots keep hubs from dwarfing everything else.
    const scaled = values.map((value) => Math.sqrt(Math.max(value, 0)));
    const max = Math.max(0, ...scaled);
    nodes.forEach((node, index) => {
      const share = max > 0 ? scaled[index]! / max : 0;
      node.data('size', Math.round(MIN_SIZE + share * (MAX_SIZE - MIN_SIZE)));
    });
  }

  setHiddenTypes(hidden: ReadonlySet<string>): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        node.toggleClass('hidden', hidden.has(node.data('type') as string));
      });
    });
    // Nodes shown again were not part of the last separation.
    this.separateLabels();
  }

  /** Selects a node and names its own edges at any readable zoom. */
  select(id: string): void {
    this.cy.batch(() => {
      this.cy.$(':selected').unselect();
      this.cy.edges('.focus').removeClass('focus');
      const node = this.cy.getElementById(id);
      node.select();
      node.connectedEdges().addClass('focus');
    });
  }

  /** Merges the path and marks it, fading everything else. */
  showPath(path: GraphView): void {
    this.clearPath();
    this.merge(path);
    const onPath = new Set([...path.nodes.map((node) => node.id), ...path.edges.map((edge) => edge.id)]);
    this.cy.batch(() => {
      this.cy.elements().forEach((element) => {
        const marked = onPath.has(element.id());
        element.toggleClass('path', marked).toggleClass('faded', !marked);
      });
    });
  }

  clearPath(): void {
    this.cy.elements().removeClass('path faded');
  }

  /** What is shown, in the shape of the API's GraphView, so an export loads back the same way. */
  snapshot(truncated: boolean): GraphView {
    return {
      nodes: this.cy.nodes().map((node) => ({
        id: node.id(),
        type: node.data('type') as GraphNode['type'],
        label: node.data('label') as string,
        properties: node.data('props') as Record<string, unknown>,
      })),
      edges: this.cy.edges().map((edge) => ({
        id: edge.id(),
        source: edge.data('source') as string,
        target: edge.data('target') as string,
        type: edge.data('type') as string,
        properties: edge.data('props') as Record<string, unknown>,
      })),
      truncated,
    };
  }
}
