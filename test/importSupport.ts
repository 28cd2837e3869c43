import { fileURLToPath } from 'node:url';
import type { Database } from '../src/db/database.js';

/** A fixture of test/fixtures/import. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`./fixtures/import/${relative}`, import.meta.url));
}

/**
 * Removes the given sources once nothing cites them any more, so a test that created sources
 * removes only its own and never one the seeds or another test still use.
 */
export async function deleteUncitedSources(db: Database, ids: readonly string[]): Promise<void> {
  await db.write(
    `UNWIND $ids AS id
     MATCH (s:Source {id: id})
     WHERE NOT EXISTS { MATCH (n:Entity) WHERE id IN n.sourceIds }
       AND NOT EXISTS { MATCH ()-[r]->() WHERE id IN r.sourceIds }
     DELETE s`,
    { ids: [...new Set(ids)] },
  );
}
