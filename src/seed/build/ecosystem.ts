import type { EcosystemFile } from '../files.js';
import {
  ECOSYSTEM_CURATED_PROPERTY, type GraphBuilder, GraphFactError, isRelationshipType, NODE_LABELS, type NodeLabel, parseEntityId,
} from '../../graph/index.js';

/**
 * The curated Kongsberg ecosystem: companies, networks, schools, the event and the
 * initiatives, and how they relate, each with the sources (keys of sources.csv) it rests on.
 * Entities of other files (kommuner, NCE clusters) are referred to by id. Every kommune the file
 * names is marked as curated (`ECOSYSTEM_CURATED_PROPERTY`), backed by the sources of the facts
 * that name it, so the analytics know whose ecosystem counts are measured rather than absent.
 */
export function addEcosystem(graph: GraphBuilder, ecosystem: EcosystemFile): void {
  for (const entity of ecosystem.entities) {
    const separator = entity.id.indexOf(':');
    const label = entity.id.slice(0, separator) as NodeLabel;
    if (!NODE_LABELS.includes(label)) throw new GraphFactError(`ecosystem: unknown label in ${entity.id}`);
    graph.node(label, entity.id.slice(separator + 1), {
      name: entity.name,
      aliases: entity.aliases,
      ...entity.properties,
    }, graph.sources(...entity.sources), { names: [entity.name, ...entity.aliases] });
  }
  for (const rel of ecosystem.relationships) {
    if (!isRelationshipType(rel.type)) throw new GraphFactError(`ecosystem: unknown relationship type ${rel.type}`);
    graph.relationship(rel.type, rel.from, rel.to, {
      date: rel.date,
      note: rel.note,
      inferred: rel.inferred ? true : null,
    }, graph.sources(...rel.sources));
  }
  const curated = new Map<string, Set<string>>();
  for (const rel of ecosystem.relationships) {
    for (const id of [rel.from, rel.to]) {
      const parsed = parseEntityId(id);
      if (parsed?.label !== 'Kommune') continue;
      const keys = curated.get(parsed.key) ?? new Set<string>();
      for (const source of rel.sources) keys.add(source);
      curated.set(parsed.key, keys);
    }
  }
  for (const [key, sources] of curated) {
    graph.node('Kommune', key, { [ECOSYSTEM_CURATED_PROPERTY]: true }, graph.sources(...sources));
  }
}
