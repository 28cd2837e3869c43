import type { Resolvers } from '../../generated/graphql.js';
import { badInput } from '../../errors.js';
import { resolveIdsNoting } from '../kommune/lookup.js';
import { findNodeAhead } from './lookahead.js';

/** Most ids one `nodes` call takes, as many as the longest page of a connection. */
const MAX_IDS = 500;

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_parent, { id }, ctx, info) => {
      // The node and the nested fields selected under it in one statement; an id of another era
      // or of nothing falls through to the identity rule.
      const found = await findNodeAhead(ctx, info, id);
      if (found) return found;
      const [canonical] = await resolveIdsNoting(ctx, info, [id]);
      return canonical ? ctx.loaders.node.load(canonical) : null;
    },
    nodes: async (_parent, { ids }, ctx, info) => {
      if (ids.length > MAX_IDS) throw badInput(`\`nodes\` takes at most ${MAX_IDS} ids; got ${ids.length}.`, 'ids');
      const canonical = await resolveIdsNoting(ctx, info, ids, 'ids');
      return Promise.all(canonical.map((id) => (id ? ctx.loaders.node.load(id) : null)));
    },
  },
};
