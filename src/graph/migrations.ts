import type { Database } from '../db/database.js';
import { HEAVIEST_LABEL } from './heaviest.js';
import { NODE_LABELS, type NodeLabel } from './model.js';

function snakeCase(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}


/** The full-text index that `search` and name filters query. */
export const ENTITY_SEARCH_INDEX = 'entitySearch';
const SEARCH_PROPERTIES = ['searchText', 'name'];
/**
 * Lower case, no stop words: Lucene's English stop list (in `standard-folding`) dropped "as", so
 * "Kongsberg Maritime AS" found nothing, and Norwegian lists drop "og", "i" and "å", which are
 * parts of names (Evje og Hornnes, Bø i Telemark). Folding needs no analyzer: the stored search
 * text holds each name's ASCII spellings and query words are folded by the same table (text.ts).
 */
const SEARCH_ANALYZER = 'standard-no-stop-words';

/**
 * Labels listed by name (`Query.companies`, `clusters`, `schools`, `initiatives`): each has a range
 * index on `name`, so a page of the whole list is read in name order from the index instead of
 * sorting every node of the label (1,000,000 companies) for twenty rows.
 */
export const NAME_ORDERED_LABELS = ['Company', 'Cluster', 'School', 'Initiative'] as const satisfies readonly NodeLabel[];

/**
 * Schema statements, each idempotent. Lists (`Kommune.formerNrs`, `Kommune.nr2024`) get no
 * index on purpose: a range index stores a list as one value, so `$nr IN k.formerNrs` could
 * not use it, and the 356 kommuner are scanned in well under a millisecond anyway.
 */
const SCHEMA_STATEMENTS: readonly string[] = [
  // Every label's `id` is unique; every entity also carries `Entity`, which has its own constraint.
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  ...NODE_LABELS.map((label) => `CREATE CONSTRAINT ${snakeCase(label)}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`),
  'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT indicator_key IF NOT EXISTS FOR (n:Indicator) REQUIRE n.key IS UNIQUE',
  'CREATE INDEX kommune_nr IF NOT EXISTS FOR (n:Kommune) ON (n.nr)',
  'CREATE INDEX fylke_nr IF NOT EXISTS FOR (n:Fylke) ON (n.nr)',
  'CREATE INDEX ranking_entry_edition IF NOT EXISTS FOR (n:RankingEntry) ON (n.edition)',
  // One company per organisasjonsnummer, however it is keyed (`Company:<orgnr>` or a slug with `orgnr`).
  'DROP INDEX company_orgnr IF EXISTS',
  'CREATE CONSTRAINT company_orgnr_unique IF NOT EXISTS FOR (n:Company) REQUIRE n.orgnr IS UNIQUE',
  'CREATE INDEX school_orgnr IF NOT EXISTS FOR (n:School) ON (n.orgnr)',
  // The audit trail: `changes(entity:)` and `changes(since:)` stay index lookups as it grows.
  'CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX audit_entry_entity IF NOT EXISTS FOR (n:AuditEntry) ON (n.entityId, n.at)',
  'CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)',
  ...NAME_ORDERED_LABELS.map((label) => `CREATE INDEX ${snakeCase(label)}_name IF NOT EXISTS FOR (n:${label}) ON (n.name)`),
  `CREATE INDEX heaviest_partners_node IF NOT EXISTS FOR (n:${HEAVIEST_LABEL}) ON (n.node)`,
  `CREATE FULLTEXT INDEX ${ENTITY_SEARCH_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [${SEARCH_PROPERTIES.map((p) => `n.${p}`).join(', ')}]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: '${SEARCH_ANALYZER}' } }`,
];

/** How long to wait for new indexes to be populated before giving up. */
const AWAIT_INDEXES_SECONDS = 300;

/**
 * Creates the constraints and indexes the API relies on and waits until they are online.
 * Safe to run on every start. A full-text index left by an older version with another
 * analyzer or other properties is rebuilt, since `IF NOT EXISTS` would keep it as it was.
 */
export async function applyMigrations(db: Database): Promise<void> {
  await dropOutdatedSearchIndex(db);
  await refuseSharedOrgnrs(db);
  for (const statement of SCHEMA_STATEMENTS) await db.write(statement);
  await db.write(`CALL db.awaitIndexes(${AWAIT_INDEXES_SECONDS})`);
}

async function dropOutdatedSearchIndex(db: Database): Promise<void> {
  const rows = await db.read<{ properties: string[]; labels: string[]; analyzer: string | null }>(
    `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options
     WHERE name = $name
     RETURN properties, labelsOrTypes AS labels, options.indexConfig['fulltext.analyzer'] AS analyzer`,
    { name: ENTITY_SEARCH_INDEX },
  );
  const existing = rows[0];
  if (!existing) return;
  const current = existing.analyzer === SEARCH_ANALYZER
    && existing.labels.join() === 'Entity'
    && [...existing.properties].sort().join() === [...SEARCH_PROPERTIES].sort().join();
  if (!current) await db.write(`DROP INDEX ${ENTITY_SEARCH_INDEX} IF EXISTS`);
}

/**
 * Older versions let two companies share an organisasjonsnummer; the constraint cannot be made
 * until they are told apart, so the start stops with what to fix rather than Neo4j's own error.
 */
async function refuseSharedOrgnrs(db: Database): Promise<void> {
  const shared = await db.read<{ orgnr: string; ids: string[] }>(
    `MATCH (c:Company) WHERE c.orgnr IS NOT NULL
     WITH c.orgnr AS orgnr, collect(c.id) AS ids WHERE size(ids) > 1
     RETURN orgnr, ids ORDER BY orgnr LIMIT 20`,
  );
  if (shared.length === 0) return;
  throw new Error(`Companies share an organisasjonsnummer, which this version refuses: ${shared
    .map((row) => `${row.orgnr} (${row.ids.join(', ')})`).join('; ')}. Keep one of each (deleteEntity, or upsertCompany with orgnr: null) and start again.`);
}
