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
 * What a statistic reads per series: one value per kommune (356 today) and the facts behind it.
 * Set from measurement, not only from the row count: a correlation with one covariate runs six
 * queries for about 0.4 s of database time on the seeded graph, so it costs 5,000 and one
 * request holds at most ten of them.
 */
const KOMMUNE_SERIES = 1000;

type Arguments = Record<string, unknown>;
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const whole = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(value, 1) : fallback);

/**
 * Fields whose work is not the objects they return, in the same unit: what each reads before
 * it answers, added to its selection's cost. A field with no entry costs its objects only.
 */
const FIELD_WORK: Readonly<Record<string, (args: Arguments) => number>> = {
  // The indicator's series, the measure's, the kommune scope and the measure's stored counts,
  // read whole whatever `fylke` says, plus one series per covariate.
  'Query.correlation': (args) => KOMMUNE_SERIES * (4 + count(args.controlFor)),
  // Each hop beyond the first expands from every node reached so far, through hubs, before the
  // view is cut to `limit`: measured, a depth-3 view costs several times a depth-1 view of the
  // same limit whatever the limit, hence the square.
  'Query.graph': (args) => {
    const hops = whole(args.depth, 1) - 1;
    return 1000 * hops * hops + whole(args.limit, 200) * hops;
  },
  // A shortest-path search fans out from both ends, hop by hop, up to `maxLength`.
  'Query.path': (args) => 200 * whole(args.maxLength, 6),
  // Every measure's series, for each kommune asked: about 100 objects' worth of reads each
  // (a page of 500 kommuner with their measures took seconds of database time).
  'CooperationMetrics.measures': () => 100,
};

/**
 * Cost = objects the operation may resolve or read. An object field costs 1 plus its selection,
 * times the page size for fields with `first` (or the node `limit` of a graph view), times the
 * assumed size for plain lists, plus the work `FIELD_WORK` declares for it; a connection's
 * `edges` is already counted by its `first`. Scalars are free: they cost no round trip. Arguments come with the request's variables and the schema's defaults, so
 * `first: $n` costs what `$n` says.
 */
const objectCountEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const returned = getNullableType(field.type);
  const work = FIELD_WORK[`${type.name}.${field.name}`]?.(args) ?? 0;
  if (!isCompositeType(getNamedType(returned))) return work;
  const pageSize = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last
    : typeof args.limit === 'number' ? args.limit : Array.isArray(args.ids) ? args.ids.length
    // A connection's default page, when neither `first` nor `last` is given.
    : getNamedType(returned).name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : null;
  let multiplier = 1;
  if (pageSize !== null) multiplier = Math.max(pageSize, 1);
  else if (isListType(returned) && !(field.name === 'edges' && type.name.endsWith('Connection'))) {
    multiplier = LIST_SIZES[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE;
  }
  return work + multiplier * (1 + childComplexity);
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
