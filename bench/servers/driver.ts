import neo4j, { type Driver } from 'neo4j-driver';

/**
 * The driver settings of our `Database` (pool, timeouts), so the floor and the peer talk to
 * Neo4j exactly as our API does. Auth is off in the scratch database.
 */
export function benchDriver(uri: string, options: { losslessIntegers?: boolean } = {}): Driver {
  return neo4j.driver(uri, undefined, {
    disableLosslessIntegers: !options.losslessIntegers,
    connectionTimeout: 1500,
    connectionAcquisitionTimeout: 1800,
    maxTransactionRetryTime: 1000,
    maxConnectionPoolSize: 50,
  });
}
