import { pino } from 'pino';

/** Structured JSON logs on stdout; `LOG_LEVEL=debug` also logs every Cypher query and its parameters. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: 'regional-cooperation-graph' },
});
