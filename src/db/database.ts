import neo4j, { type Driver, isRetryableError, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { GraphQLError } from 'graphql';
import pLimit, { type LimitFunction } from 'p-limit';
import { DEFAULTS } from '../config/index.js';
import { apiError, ErrorCode, overloaded, serviceUnavailable } from '../errors.js';
import { logger } from '../logger.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/**
 * A whole number as Neo4j's INTEGER. The driver sends a JS number as a FLOAT, so a property that
 * holds whole numbers (a year, a rank) must pass through here to compare equal to stored ones.
 */
export function toInteger(value: number): unknown {
  return neo4j.int(value);
}

/** Runs Cypher inside one transaction; what a repository function receives for multi-statement writes. */
export interface Tx {
  run<T extends Row = Row>(cypher: string, params?: Params): Promise<T[]>;
}

interface DatabaseOptions {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
  /** How long a read may run on the server before Neo4j aborts it; NEO4J_READ_TIMEOUT_MS's default when left out. */
  readTimeoutMs?: number;
  /** Connections of the pool every request shares; 50 when left out. */
  maxConnectionPoolSize?: number;
  /** How long a session waits for a free connection before the request is told OVERLOADED; 1.8 s when left out. */
  connectionAcquisitionTimeoutMs?: number;
}

/**
 * How long a query waits for a free connection of the pool before the request is told
 * OVERLOADED, unless `connectionAcquisitionTimeoutMs` says otherwise; the readiness probe and the
 * change check always wait this long for one of their own connections.
 */
const ACQUISITION_TIMEOUT_MS = 1800;

/** Counts round trips; tests use it to prove that loaders batch. */
interface QueryObserver {
  (cypher: string, params: Params): void;
}

/** What every view of one database shares: the drivers, the observers, the write counter. */
interface Pool {
  driver: Driver;
  /** Connections of their own for `/health/ready` and the change check, so a busy pool cannot make them lie. */
  probe: Driver;
  database: string;
  readTimeoutMs: number;
  observers: Set<QueryObserver>;
  writesFinished: number;
}

/**
 * The one place that talks to neo4j-driver. Repositories hand it Cypher with parameters;
 * it picks read or write transactions (so a cluster's readers serve reads over `neo4j://`),
 * converts records to plain objects with JS numbers, and turns driver failures into
 * GraphQL errors with a code.
 */
export class Database {
  private readonly pool: Pool;
  /** Bounds the sessions one request holds at once; null for the shared, unbounded view. */
  private readonly sessionGate: LimitFunction | null;

  constructor(options: DatabaseOptions);
  /** A view of `of` whose sessions go through `sessionGate` (see `forRequest`). */
  constructor(options: { of: Database; sessionGate: LimitFunction });
  constructor(options: DatabaseOptions | { of: Database; sessionGate: LimitFunction }) {
    if ('of' in options) {
      this.pool = options.of.pool;
      this.sessionGate = options.sessionGate;
      return;
    }
    // Without a password the bundled local database runs with auth disabled.
    const auth = options.password === undefined ? undefined : neo4j.auth.basic(options.user, options.password);
    const settings = {
      // Integers come back as JS numbers: counts, ranks and years are far below 2^53.
      disableLosslessIntegers: true,
      // Fail fast when the database is away: a request must be answered within 2 s.
      connectionTimeout: 1000,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? ACQUISITION_TIMEOUT_MS,
      // The driver waits 1 s ± 20 % before its first retry and doubles it after; with a budget
      // of 1 s a jittered first retry could still schedule a second one (≈ 3 s in all), with
      // 0.5 s it makes exactly one, so an unreachable database answers in about 1.2 s.
      maxTransactionRetryTime: 500,
      logging: {
        level: 'warn' as const,
        logger: (level: string, message: string) => logger[level === 'error' ? 'error' : 'warn']({ neo4j: message }),
      },
    };
    this.pool = {
      driver: neo4j.driver(options.uri, auth, { ...settings, maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50 }),
      // Its own two connections, and its own wait for one: a short wait set for the request pool
      // (OVERLOADED sooner) must not fail readiness while the probe opens its first connection.
      probe: neo4j.driver(options.uri, auth, { ...settings, maxConnectionPoolSize: 2, connectionAcquisitionTimeout: ACQUISITION_TIMEOUT_MS }),
      database: options.database,
      readTimeoutMs: options.readTimeoutMs ?? DEFAULTS.neo4j.readTimeoutMs,
      observers: new Set(),
      writesFinished: 0,
    };
    this.sessionGate = null;
  }

  /**
   * The same database for one request, which may hold at most `maxSessions` sessions at once;
   * its other queries wait in the request's own queue. So one request of many expensive fields
   * cannot take the pool every other client needs.
   */
  forRequest(maxSessions: number): Database {
    return new Database({ of: this, sessionGate: pLimit(maxSessions) });
  }

  /**
   * The same object for every view of one database (`forRequest`), as a key for state that
   * belongs to the database, not to a request: work in flight that concurrent requests share.
   */
  get identity(): object {
    return this.pool;
  }

  observe(observer: QueryObserver): () => void {
    this.pool.observers.add(observer);
    return () => this.pool.observers.delete(observer);
  }

  async verify(): Promise<void> {
    await this.pool.driver.verifyConnectivity({ database: this.pool.database });
  }

  /** A cheap query that proves the database answers (for `/health/ready`), over the reserved connections. */
  async ping(): Promise<void> {
    await this.execute(async () => {
      const session = this.pool.probe.session({ database: this.pool.database, defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead((tx) => tx.run('RETURN 1 AS ok'), { timeout: this.pool.readTimeoutMs });
      } finally {
        await session.close();
      }
    });
  }

  /**
   * One read statement as an auto-commit read transaction: a session in READ mode (so a cluster's
   * readers serve it over `neo4j://`) whose BEGIN, RUN, PULL and COMMIT travel in one message
   * flight instead of three round trips. A failure the driver calls retryable (a reader gone, a
   * leader switch) is tried once more on a new session, as a managed transaction would.
   */
  async read<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.execute(async () => {
      try {
        return await this.readOnce<T>(cypher, params);
      } catch (error) {
        if (!isRetryableError(error)) throw error;
        return this.readOnce<T>(cypher, params);
      }
    });
  }

  private async readOnce<T extends Row>(cypher: string, params: Params): Promise<T[]> {
    const session = this.pool.driver.session({ database: this.pool.database, defaultAccessMode: neo4j.session.READ });
    try {
      for (const observer of this.pool.observers) observer(cypher, params);
      logger.debug({ cypher, params }, 'cypher');
      const result = await session.run(cypher, params, { timeout: this.pool.readTimeoutMs });
      return result.records.map((record) => record.toObject() as T);
    } finally {
      await session.close();
    }
  }

  /**
   * Write transactions this process has finished, committed or not: a response cache keys on
   * it, so an answer read before a write is never served after it.
   */
  get writeCount(): number {
    return this.pool.writesFinished;
  }

  /**
   * A token that changes whenever a transaction commits on the database, from this process or
   * any other client (an import in a terminal, another API instance): the bookmark an empty read
   * leaves. Not an observed round trip, so round-trip counts stay those of the request; over the
   * reserved connections, so a busy pool does not switch the response cache off.
   */
  async changeToken(): Promise<string> {
    return this.execute(async () => {
      const session = this.pool.probe.session({ database: this.pool.database, defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead((tx) => tx.run('RETURN 1'), { timeout: this.pool.readTimeoutMs });
        return (await session.lastBookmarks()).join(',');
      } finally {
        await session.close();
      }
    });
  }

  async write<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.writeTransaction((tx) => tx.run<T>(cypher, params));
  }

  /** Several statements in one write transaction: all land or none. */
  async writeTransaction<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.execute(() => {
      const session = this.pool.driver.session({ database: this.pool.database, defaultAccessMode: neo4j.session.WRITE });
      return session
        .executeWrite((tx) => work({ run: <T extends Row>(c: string, p: Params = {}) => this.runIn<T>(tx, c, p) }))
        .finally(() => {
          this.pool.writesFinished += 1;
          return session.close();
        });
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.driver.close(), this.pool.probe.close()]);
  }

  private async runIn<T extends Row>(tx: ManagedTransaction, cypher: string, params: Params): Promise<T[]> {
    for (const observer of this.pool.observers) observer(cypher, params);
    logger.debug({ cypher, params }, 'cypher');
    const result = await tx.run(cypher, params);
    return result.records.map((record) => record.toObject() as T);
  }

  private async execute<R>(work: () => Promise<R>): Promise<R> {
    try {
      const result = await (this.sessionGate ? this.sessionGate(work) : work());
      reachability.answered();
      return result;
    } catch (error) {
      const mapped = toGraphQLError(error);
      if (error instanceof Neo4jError && isUnreachable(error)) reachability.failed(error);
      else if (error instanceof Neo4jError) reachability.answered();
      throw mapped;
    }
  }
}

/**
 * Whether Neo4j answered last time, for the logs: losing it is an error an operator must see
 * (once per outage, not once per request), finding it again is worth a line too.
 */
const reachability = {
  down: false,
  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    logger.error({ err: error }, 'Neo4j is not reachable: requests answer SERVICE_UNAVAILABLE until it is back');
  },
  answered(): void {
    if (!this.down) return;
    this.down = false;
    logger.info('Neo4j answers again');
  },
};

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

function isUnreachable(error: Neo4jError): boolean {
  if (/connection acquisition timed out/i.test(error.message)) return false;
  return UNAVAILABLE_CODES.has(error.code) || (/connect|timed out|ECONNREFUSED/i.test(error.message) && !error.code.startsWith('Neo.ClientError'));
}

/** Maps a driver failure to an API error; the original stays in `originalError` for the logs only. */
function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Neo4jError) {
    // The pool is full of other work: the database is up, this server is busy.
    if (/connection acquisition timed out/i.test(error.message)) return overloaded(error);
    if (isUnreachable(error)) {
      return new GraphQLError('The graph database is not reachable right now; try again shortly.', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        originalError: error,
      });
    }
    if (error.code === 'Neo.ClientError.Transaction.TransactionTimedOut'
      || error.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
      return apiError(ErrorCode.QUERY_TOO_COMPLEX, 'The query ran longer than the server allows; ask for less (smaller first, depth or limit).');
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return apiError(ErrorCode.BAD_USER_INPUT, 'The write conflicts with an existing entity key.');
    }
    if (error.code === 'Neo.ClientError.Security.Unauthorized' || error.code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
      return serviceUnavailable('The API cannot sign in to the graph database; check NEO4J_USER and NEO4J_PASSWORD.');
    }
    // --- writes and hardening: what is left after the driver's own retries ------------------
    if (error.code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError'
      || error.code === 'Neo.TransientError.General.TransactionMemoryLimit') {
      return apiError(ErrorCode.QUERY_TOO_COMPLEX, 'The query needs more memory than the server allows; ask for less.');
    }
    if (error.code.startsWith('Neo.TransientError.') || error.code === 'Neo.ClientError.Transaction.Terminated'
      || error.code === 'Neo.ClientError.Transaction.LockClientStopped') {
      // Deadlocks, lock waits cut short, a database shutting down: nothing is wrong with the request.
      return new GraphQLError('The graph database is busy or restarting; try again shortly.', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        originalError: error,
      });
    }
  }
  return new GraphQLError('Unexpected error.', {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    originalError: error instanceof Error ? error : new Error(String(error)),
  });
}
