import http from 'node:http';
import express from 'express';
import { FLOOR_HANDLERS } from '../floor/handlers.js';
import { benchDriver } from './driver.js';
import { serve } from './child.js';

/**
 * The floor: the same POST /graphql requests, answered without GraphQL by the hand-written
 * handler their operation name picks, on the same express 5 and driver settings as ours.
 */
await serve(async (uri) => {
  const driver = benchDriver(uri);
  await driver.verifyConnectivity();
  const app = express();
  app.disable('x-powered-by');
  app.post('/graphql', express.json({ limit: '1mb' }), async (req, res) => {
    const { operationName, variables } = (req.body ?? {}) as { operationName?: string; variables?: Record<string, unknown> };
    if (!operationName) {
      res.json({ data: { __typename: 'Query' } });
      return;
    }
    const handler = FLOOR_HANDLERS[operationName];
    if (!handler) {
      res.status(400).json({ errors: [{ message: `The floor has no handler for ${operationName}` }] });
      return;
    }
    try {
      res.json({ data: await handler(driver, variables ?? {}) });
    } catch (error) {
      res.json({ errors: [{ message: error instanceof Error ? error.message : String(error) }], data: null });
    }
  });
  const server = http.createServer(app);
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await driver.close();
    },
  };
});
