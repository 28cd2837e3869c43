import { Router } from 'express';
import type { Database } from '../db/database.js';

/**
 * Liveness answers while the process runs; readiness asks Neo4j over connections reserved for
 * it (`Database.ping`), so a pool full of requests does not make it say "not ready", and bounded
 * so a load balancer never waits on a hanging database.
 */
export function healthRouter(db: Database, timeoutMs = 2000): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/health/ready', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`Neo4j did not answer within ${timeoutMs} ms`)), timeoutMs); }),
      ]);
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
