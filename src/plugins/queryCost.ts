import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { getNamedType, isCompositeType, isListType, getNullableType } from 'graphql';
import { queryTooComplex } from '../errors.js';

/**
 * Sizes assumed for plain lists, which have no `first`: the largest the data holds today with
 * some headroom (Viken has 51 kommuner), so a cycle such as fylke → kommuner → fylke →
 * kommuner multiplies out to what it would really fetch.
 */
const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.fylker': 11,
  'Fylke.kommuner': 60,
  'CommutingRegion.kommuner': 60,
  'Cluster.members': 60,
  'Collaboration.members': 30,
  'CorrelationResult.points': 360,
  // A graph view's lists are bounded by the `limit` of `graph`/`path`, which is counted there.
  'GraphView.nodes': 1,
  'GraphView.edges': 1,
  'GraphView.cytoscapeElements': 1,
};
const DEFAULT_LIST_SIZE = 10;
/** The largest default page of a connection (`kommuner`, `ranking`: 50). */
const DEFAULT_PAGE_SIZE = 50;

/**
 * Cost = objects the operation may resolve. An object field costs 1 plus its selection, times
 * the page size for fields with `first` (or the node `limit` of a graph view), times the assumed size for plain lists;
 * a connection's `edges` is already counted by its `first`. Scalars are free: they cost no
 * round trip. Arguments come with the request's variables and the schema's defaults, so
 * `first: $n` costs what `$n` says.
 */
const objectCountEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const returned = getNullableType(field.type);
  if (!isCompositeType(getNamedType(returned))) return 0;
  const pageSize = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last
    : typeof args.limit === 'number' ? args.limit : Array.isArray(args.ids) ? args.ids.length
    // A connection's default page, when neither `first` nor `last` is given.
    : getNamedType(returned).name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : null;
  let multiplier = 1;
  if (pageSize !== null) multiplier = Math.max(pageSize, 1);
  else if (isListType(returned) && !(field.name === 'edges' && type.name.endsWith('Connection'))) {
    multiplier = LIST_SIZES[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE;
  }
  return multiplier * (1 + childComplexity);
};

export function operationCost(options: Omit<Parameters<typeof getComplexity>[0], 'estimators'>): number {
  return getComplexity({ ...options, estimators: [objectCountEstimator] });
}

/**
 * Refuses an operation whose estimated cost exceeds `maxCost` once its variables are known,
 * before any resolver runs.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = operationCost({ schema, query: document, variables: request.variables ?? {}, operationName: operationName ?? undefined });
          } catch {
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT before any resolver runs.
            return;
          }
          if (cost > maxCost) {
            throw queryTooComplex(`The query would resolve about ${Math.round(cost)} objects; at most ${maxCost} are allowed. Ask for smaller pages or fewer nested lists.`);
          }
        },
      };
    },
  };
}
