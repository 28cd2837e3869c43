import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { isRelationshipType, NODE_LABELS } from './graph/index.js';
import { ENTITY_TYPES, enumOfType } from './modules/common/records.js';
import { SCHEMA_DIR } from './paths.js';
import { buildSchema } from './server.js';

/**
 * Researchers read the schema in the playground; every type, field, argument and enum value says
 * what it is. This runs over the schema built from every file of `schema/`.
 */
describe('schema descriptions', () => {
  const schema = buildSchema();
  const ours = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__')
    && !['String', 'Int', 'Float', 'Boolean', 'ID', 'Query', 'Mutation'].includes(type.name));

  it('describes every type', () => {
    expect(ours.filter((type) => !type.description).map((type) => type.name)).toEqual([]);
  });

  it('describes every field and argument', () => {
    const missing: string[] = [];
    for (const type of [...ours, schema.getQueryType()!, ...(schema.getMutationType() ? [schema.getMutationType()!] : [])]) {
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          // Fields that implement an interface's field carry their own text too: GraphiQL and
          // schema browsers show the implementing field's description, not the interface's.
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const argument of 'args' in field ? field.args : []) {
            if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes every enum value', () => {
    const missing = ours.filter(isEnumType).flatMap((type) => type.getValues().filter((value) => !value.description).map((value) => `${type.name}.${value.name}`));
    expect(missing).toEqual([]);
  });
});

/** The schema names the model's labels; adding a label to one and not the other must fail here. */
describe('schema and graph model', () => {
  const schema = buildSchema();

  it('has one EntityType value per label of the model', () => {
    const entityType = schema.getType('EntityType');
    if (!isEnumType(entityType)) throw new Error('EntityType is not an enum');
    expect(entityType.getValues().map((value) => value.name).sort()).toEqual(NODE_LABELS.map(enumOfType).sort());
  });

  it('has an object type implementing Node for every label and for Source', () => {
    const missing = ENTITY_TYPES.filter((name) => {
      const type = schema.getType(name);
      return !isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node');
    });
    expect(missing).toEqual([]);
  });

  it('offers exactly the model\'s hand-linkable relationship types as LinkType', () => {
    const linkType = schema.getType('LinkType');
    if (!isEnumType(linkType)) throw new Error('LinkType is not an enum');
    const values = linkType.getValues().map((value) => value.name);
    expect(values.filter((value) => !isRelationshipType(value))).toEqual([]);
  });
});

/**
 * A domain's SDL lives in `schema/<domain>.graphql`, named after its folder in `src/modules/`,
 * so a newcomer finds the resolvers of a schema file (and the reverse) on the first try.
 * `common/` is machinery below the domains and has no SDL of its own.
 */
describe('schema files and modules', () => {
  const MACHINERY_WITHOUT_SDL = ['common'];

  it('names every schema file after a module folder, and gives every module its schema file', () => {
    const schemaNames = readdirSync(SCHEMA_DIR).filter((file) => file.endsWith('.graphql')).map((file) => file.replace(/\.graphql$/, '')).sort();
    const modules = readdirSync(path.join(path.dirname(SCHEMA_DIR), 'src', 'modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !MACHINERY_WITHOUT_SDL.includes(entry.name)).map((entry) => entry.name).sort();
    expect(schemaNames).toEqual(modules);
  });
});
