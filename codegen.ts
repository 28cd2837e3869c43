import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import ts from 'typescript';

const SCHEMA_DIR = 'schema';
const MODULES_DIR = 'src/modules';
/** `mapperTypeSuffix`: the generated file imports record `FooRecord` as `FooRecordModel`. */
const MODEL_SUFFIX = 'Model';
const PAGINATION = '../modules/common/pagination.js#ConnectionRecord';

/**
 * Types that are backed by a record although no rule below says so. Codegen stops when one of
 * them has no record, so a renamed or removed record cannot quietly turn a resolver's parent
 * into the GraphQL shape. (Types implementing `Node` and connections are checked without a list.)
 */
const RECORD_BACKED = [
  'AuditEntry', 'CooperationMetrics', 'CorrelationPoint', 'CorrelationResult', 'GraphEdge', 'GraphNode',
  'GraphView', 'ImportRankingsResult', 'IndicatorValue', 'Link', 'SearchHit',
];

function loadSchema(): GraphQLSchema {
  const files = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.graphql')).sort();
  return buildSchema(files.map((name) => readFileSync(path.join(SCHEMA_DIR, name), 'utf8')).join('\n'));
}

/** The type names a file exports: interfaces, type aliases and named re-exports (`export type { A as B } from`). */
function exportedTypeNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      if (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    }
  }
  return names;
}

/**
 * Every `FooRecord` exported by a `src/modules/<domain>/mappers.ts`, as `Foo` → the mapper
 * string codegen takes (`../modules/<domain>/mappers.js#FooRecord`, relative to src/generated).
 */
function findRecords(): Map<string, string> {
  const records = new Map<string, string>();
  for (const domain of readdirSync(MODULES_DIR).sort()) {
    const file = path.join(MODULES_DIR, domain, 'mappers.ts');
    let names: string[];
    try {
      names = exportedTypeNames(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names.filter((candidate) => /.Record$/.test(candidate))) {
      const typeName = name.slice(0, -'Record'.length);
      const mapper = `../modules/${domain}/mappers.js#${name}`;
      const earlier = records.get(typeName);
      if (earlier) throw new Error(`codegen: ${typeName} has two records, ${earlier} and ${mapper}; keep one.`);
      records.set(typeName, mapper);
    }
  }
  return records;
}

/** The item type of a Relay-style connection: `FooConnection.edges[].node`. */
function connectionItem(connection: GraphQLObjectType): string | undefined {
  const edge = connection.getFields().edges && getNamedType(connection.getFields().edges!.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  return node && getNamedType(node.type).name;
}

/**
 * Mappers by convention, as the codegen server preset finds them: GraphQL object type `Foo` is
 * backed by the `FooRecord` its domain's mappers.ts exports, and `FooConnection` by
 * `ConnectionRecord<ItemRecord>` unless a mappers.ts exports a `FooConnectionRecord` of its own.
 * Records named after no object type (helpers such as `AnyRecord`, or `EntityRecord` for the
 * `Entity` interface, whose members carry their own records) are left out.
 */
function findMappers(schema: GraphQLSchema): Record<string, string> {
  const records = findRecords();
  const mappers: Record<string, string> = {};
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const record = records.get(type.name);
    const item = type.name.endsWith('Connection') ? connectionItem(type) : undefined;
    const itemRecord = item === undefined ? undefined : records.get(item);
    if (record) mappers[type.name] = record;
    else if (itemRecord) mappers[type.name] = `${PAGINATION}<${itemRecord.split('#')[1]}${MODEL_SUFFIX}>`;
    else if (item !== undefined) missing.push(`${type.name} (export ${type.name}Record, or ${item}Record for its items)`);
    else if (type.getInterfaces().some((iface) => iface.name === 'Node') || RECORD_BACKED.includes(type.name)) {
      missing.push(`${type.name} (export ${type.name}Record)`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`codegen: no record in any ${MODULES_DIR}/<domain>/mappers.ts for ${missing.join(', ')}.`);
  }
  const unknown = RECORD_BACKED.filter((name) => !isObjectType(schema.getType(name)));
  if (unknown.length > 0) throw new Error(`codegen: RECORD_BACKED names types the schema lacks: ${unknown.join(', ')}.`);
  return mappers;
}

const schema = loadSchema();

/**
 * Resolver types come from the SDL in schema/, with each type's parent the record it is backed
 * by (see findMappers). The explorer's result types come from the operations in its sources.
 * `npm run codegen:check` regenerates both in memory and fails when either committed file differs.
 */
const config: CodegenConfig = {
  generates: {
    'src/generated/graphql.ts': {
      schema: `${SCHEMA_DIR}/*.graphql`,
      plugins: [
        { add: { content: '/* Generated by graphql-codegen from schema/*.graphql; do not edit. Run `npm run codegen`. */' } },
        'typescript',
        'typescript-resolvers',
      ],
      config: {
        useIndexSignature: true,
        contextType: '../context.js#Context',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { JSONObject: 'Record<string, unknown>' },
        mapperTypeSuffix: MODEL_SUFFIX,
        mappers: findMappers(schema),
      },
    },
    // The client kit, served at /client/ and committed: Apollo Client's `possibleTypes` (without
    // them, fields selected through `... on Entity` are dropped from the cache) and the SDL for
    // clients' own codegen and editors.
    'src/generated/client/possible-types.json': {
      schema,
      plugins: ['fragment-matcher'],
      config: { useExplicitTyping: false },
    },
    'src/generated/client/schema.graphql': {
      schema,
      plugins: ['schema-ast'],
      config: { includeDirectives: false, commentDescriptions: false, sort: false },
    },
    // The explorer's operation texts, found by their GraphQL comment. Its schema is the one built
    // above, in the SDL's own order: codegen's loader sorts enum values, and the explorer lists
    // CooperationMetric in the order the schema gives.
    'src/explorer/generated/operations.ts': {
      schema,
      documents: ['src/explorer/**/*.{ts,tsx}', '!src/explorer/generated/**'],
      plugins: [
        { add: { content: '/* Generated by graphql-codegen from the explorer\'s operations; do not edit. Run `npm run codegen`. */' } },
        'typescript-operations',
      ],
      config: {
        useTypeImports: true,
        skipTypename: true,
        enumType: 'const',
        scalars: { JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
