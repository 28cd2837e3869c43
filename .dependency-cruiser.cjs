/**
 * The layers of the code, checked by `npm run lint:deps` (and so by CI). From the bottom:
 *
 *   db/, errors, logger, paths, config      infrastructure: the driver, error codes, settings
 *   graph/                                  the model and the one write path every writer calls
 *   modules/entity, modules/common          the shared entity machinery of the GraphQL API
 *   modules/<domain>                        one domain each: SDL in schema/, mappers, resolvers, repository
 *   modules/node, search, write, graph      above the domains: the node registry and what handles any type
 *   plugins/, http/, server, context        the API's assembly
 *
 * Beside the API, the jobs (seed/, import/, synthetic/, analyze/) share the model layer and never
 * import a GraphQL module; the modules never import a job, except the mutation that is an import
 * by design. Entry points (main.ts, refresh.ts, the jobs' cli.ts) compose both and may import either.
 * docs/architecture.md draws the same picture.
 */
const JOBS = '^src/(seed|import|synthetic|analyze)/';
const API = '^src/(modules|plugins|http|auth)/|^src/(server|context|resolvers|schema)\\.ts$';
/** Modules above the domains: they handle nodes of every type. */
const CROSS_DOMAIN = '^src/modules/(node|search|write|graph)/';
const ENTRY_POINTS = '^src/(main|refresh|build)\\.ts$|^src/[^/]+/cli\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'graph-layer-imports-nothing-above',
      comment: 'src/graph/ is the model layer: it may use db/, errors, logger and config, nothing of the API or the jobs.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { path: '^src/', pathNot: '^src/(graph|db)/|^src/(errors|logger|paths|config)\\.ts$|^src/config/' },
    },
    {
      name: 'only-db-talks-to-the-driver',
      comment: 'src/db/database.ts is the one place that talks to neo4j-driver (bench/ holds the hand-written Cypher contender on purpose).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/db/' },
      to: { path: '^neo4j-driver$|node_modules/neo4j-driver' },
    },
    {
      name: 'modules-import-no-job',
      comment: 'GraphQL modules never import seed/, import/, synthetic/ or analyze/; importRankings is an import by design.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '^src/modules/write/rankingImport\\.ts$' },
      to: { path: JOBS },
    },
    {
      name: 'jobs-import-no-graphql-module',
      comment: 'Jobs share the model layer (src/graph/) with the API but never import the API; entry points compose both.',
      severity: 'error',
      from: { path: JOBS, pathNot: ENTRY_POINTS },
      to: { path: API },
    },
    {
      name: 'entity-machinery-below-domains',
      comment: 'modules/entity and modules/common serve every domain, so they import no domain (the node registry, modules/node, sits above them).',
      severity: 'error',
      from: { path: '^src/modules/(entity|common)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(entity|common)/' },
    },
    {
      name: 'domains-import-no-cross-domain-module',
      comment: 'A domain module may use the machinery below it and another domain, never the modules that handle nodes of every type (node registry, search, writes, graph views).',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/', pathNot: CROSS_DOMAIN },
      to: { path: CROSS_DOMAIN },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one unit that neither layer owns.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/|^src/explorer/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
