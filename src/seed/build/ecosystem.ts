import type { EcosystemFile } from '../files.js';
import { type GraphBuilder, isRelationshipType, NODE_LABELS, type NodeLabel, GraphFactError } from '../../graph/index.js';

/**
 * The curated Kongsberg ecosystem: companies, networks, schools, the event and the
 * initiatives, and how they relate, each with the sources (keys of sources.csv) it rests on.
 * Entities of other files (kommuner, NCE clusters) are referred to by id.
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
}
