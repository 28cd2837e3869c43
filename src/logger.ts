import { pino } from 'pino';
import { logLevel } from './config/index.js';

/** Structured JSON logs on stdout; `LOG_LEVEL=debug` also logs every Cypher query and its parameters. */
export const logger = pino({
  level: logLevel(),
  base: { service: 'regional-cooperation-graph' },
});
