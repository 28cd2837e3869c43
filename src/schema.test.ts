import { describe, expect, it } from 'vitest';
import { isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildSchema } from './server.js';

/** Researchers read the schema in the playground; every type and field should say what it is. */
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
        const interfaces = isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [];
        for (const field of Object.values(type.getFields())) {
          // A field that implements a described interface field shares its description.
          const inherited = interfaces.some((i) => i.getFields()[field.name]?.description);
          if (!field.description && !inherited) missing.push(`${type.name}.${field.name}`);
        }
      }
      // Enum values are self-explanatory once the enum is described; those that are not carry their own text.
    }
    expect(missing).toEqual([]);
  });
});
