import { DEFAULTS } from '../../src/config/index.js';
import { Database } from '../../src/db/database.js';
import { createAppServer } from '../../src/server.js';
import { serve } from './child.js';

/** Our API as `npm start` serves it (production error masking, default logging), minus the start page. */
await serve(async (uri) => {
  const db = new Database({ uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  await db.verify();
  let statements = 0;
  db.observe(() => { statements += 1; });
  const { httpServer, apollo } = await createAppServer({
    db, production: true,
    // The load comes from one address; the benchmark measures the API, not one client's share of it.
    limits: { ...DEFAULTS.limits, rateLimit: { ...DEFAULTS.limits.rateLimit, requests: 0, inFlight: 0 } },
  });
  return {
    server: httpServer,
    statements: () => statements,
    close: async () => {
      await apollo.stop();
      await db.close();
    },
  };
});
