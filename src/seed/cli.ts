import { readConfig } from '../config/index.js';
import { openJobDatabase } from '../db/jobDatabase.js';
import { applyMigrations } from '../graph/migrations.js';
import { refreshDerivedData } from '../refresh.js';
import { loadSeeds, type SeedSummary } from './loadSeeds.js';

/**
 * `npm run seed`: applies the schema and (re)loads `seeds/` into the database that NEO4J_URI
 * names, or into the local one that `npm start` / `npm run neo4j` runs. Idempotent.
 */
async function main(): Promise<void> {
  const { db, uri, local } = openJobDatabase(readConfig());
  if (local) {
    process.stdout.write(`NEO4J_URI is unset: loading into the local database at ${uri}, which must be running (npm start or npm run neo4j in another terminal).\n`);
  }
  try {
    try {
      await db.verify();
    } catch {
      throw new Error(`cannot reach Neo4j at ${uri}; start it with npm run neo4j (or npm start), or set NEO4J_URI.`);
    }
    await applyMigrations(db);
    process.stdout.write(formatSummary(await loadSeeds(db)));
    const { analysis, seriesKommuner, heaviestStores } = await refreshDerivedData(db);
    process.stdout.write(`\nNetwork measures: ${analysis.nodes} nodes, ${analysis.edges} relationships in ${analysis.ms} ms; cooperation series stored for ${seriesKommuner} kommuner; heaviest commuting partners stored for ${heaviestStores} kommuner.\n`);
  } finally {
    await db.close();
  }
}

function formatSummary(summary: SeedSummary): string {
  const lines = [`Seeds loaded in ${(summary.durationMs / 1000).toFixed(1)} s.`, '', 'Nodes by label:'];
  for (const [label, count] of Object.entries(summary.nodes)) lines.push(`  ${label.padEnd(22)} ${String(count).padStart(6)}`);
  lines.push(`  ${'Source'.padEnd(22)} ${String(summary.sources).padStart(6)}`, '', 'Relationships by type:');
  for (const [type, count] of Object.entries(summary.relationships)) lines.push(`  ${type.padEnd(22)} ${String(count).padStart(6)}`);
  if (summary.notes.length > 0) lines.push('', 'Notes:', ...summary.notes.map((note) => `  ${note}`));
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
