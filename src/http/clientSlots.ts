import pLimit, { type LimitFunction } from 'p-limit';

/** Frees the slot a request held; safe to call more than once. */
export type ReleaseSlot = () => void;

/** Waits for one of the client's slots; resolves with the function that frees it. */
export type ClientSlots = (client: string) => Promise<ReleaseSlot>;

/**
 * At most `perClient` requests of one client run at once; the others wait in that client's own
 * queue instead of being refused. Together with the sessions per request this bounds what one
 * client can hold of the pool (`perClient` × NEO4J_SESSIONS_PER_REQUEST) however many requests
 * it opens, while the rate limit bounds how many it may queue.
 */
export function createClientSlots(perClient: number): ClientSlots {
  if (perClient === 0) return async () => () => undefined;
  const queues = new Map<string, LimitFunction>();
  return (client) => {
    let queue = queues.get(client);
    if (!queue) {
      queue = pLimit(perClient);
      queues.set(client, queue);
    }
    const own = queue;
    return new Promise<ReleaseSlot>((granted) => {
      void own(() => new Promise<void>((done) => {
        let released = false;
        granted(() => {
          if (released) return;
          released = true;
          done();
          // The slot is handed on after this tick; a queue left empty is forgotten.
          queueMicrotask(() => {
            if (own.activeCount === 0 && own.pendingCount === 0 && queues.get(client) === own) queues.delete(client);
          });
        });
      }));
    });
  };
}
