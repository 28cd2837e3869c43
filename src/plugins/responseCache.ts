import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { ResponseCacheSettings } from '../config/index.js';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';
import { logger } from '../logger.js';

/**
 * What the graph looked like, as far as this process can tell: the cache key of every answer
 * includes it, so after a change no answer from before is found again (old ones age out of
 * the LRU). Writes of this process count at once (Database.writeCount); writes of other
 * clients (another API instance, an import) at once too: before a request reads the cache it
 * waits for a bookmark check that began after the request did (`fresh`), shared by the requests
 * that arrive together. The timer's check every `checkMs` keeps `trusted` honest when idle.
 */
class GraphVersion {
  private external = 0;
  private token: string | null = null;
  /** False while Neo4j does not answer the check: then nothing is served from the cache. */
  private confirmed = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private checkingSince = 0;

  constructor(private readonly db: Database, private readonly checkMs: number) {}

  get current(): string {
    return `${this.db.writeCount}.${this.external}`;
  }

  get trusted(): boolean {
    return this.confirmed;
  }

  /** Settles after a check that began no earlier than `since`: a change committed before `since` is then counted. */
  async fresh(since: number): Promise<void> {
    while (this.checking && this.checkingSince < since) await this.checking;
    await this.check();
  }

  /** Asks Neo4j once; a changed bookmark starts a new version. */
  check(): Promise<void> {
    if (!this.checking) this.checkingSince = performance.now();
    this.checking ??= this.db
      .changeToken()
      .then((token) => {
        if (this.token !== null && token !== this.token) this.external += 1;
        this.token = token;
        this.confirmed = true;
      })
      .catch((error: unknown) => {
        if (this.confirmed) logger.warn({ err: error }, 'response cache: Neo4j does not answer; serving nothing from the cache until it does');
        this.confirmed = false;
        // The database may come back with other data (a restore): begin a new version then.
        this.token = null;
        this.external += 1;
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  start(): void {
    if (this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.checkMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Whole answers of queries kept in memory, keyed on the query text, operation name, variables
 * and the graph's version. Cache-control hints decide what may be kept: every field may be kept
 * for `maxAgeSeconds` unless its resolver says otherwise (the audit trail says maxAge 0, so it is
 * never kept). Answers with errors and mutations are never kept. No HTTP cache headers are sent:
 * only this server knows when an answer goes stale.
 */
export function responseCache(db: Database, settings: ResponseCacheSettings): { plugins: ApolloServerPlugin<Context>[]; version: GraphVersion | null } {
  if (settings.maxAgeSeconds === 0) {
    // No hints to collect: without the plugin Apollo calls resolvers unwrapped (no per-field hook).
    return { plugins: [ApolloServerPluginCacheControlDisabled()], version: null };
  }
  const version = new GraphVersion(db, settings.checkMs);
  const cache = new InMemoryLRUCache<string>({ maxSize: settings.maxMegabytes * 1024 * 1024 });
  const stopChecking: ApolloServerPlugin<Context> = {
    async serverWillStart() {
      version.start();
      return { serverWillStop: async () => version.stop() };
    },
  };
  return {
    version,
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: settings.maxAgeSeconds, calculateHttpHeaders: false }),
      responseCachePlugin<Context>({
        cache,
        extraCacheKeyData: async () => {
          await version.fresh(performance.now());
          return version.current;
        },
        shouldReadFromCache: async () => version.trusted,
        shouldWriteToCache: async () => version.trusted,
      }),
      stopChecking,
    ],
  };
}
