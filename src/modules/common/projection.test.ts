import { describe, expect, it } from 'vitest';
import { buildSchema, execute, parse } from 'graphql';
import { childrenNamed, projection, propertiesKey, selectedProperties } from './projection.js';
import { type Selection, selectionOf } from './selection.js';

const schema = buildSchema(`
  type Query { ranking: RankingConnection }
  type RankingConnection { edges: [RankingEdge] }
  type RankingEdge { cursor: String node: RankingEntry }
  type RankingEntry { id: ID rank: Int score: Float kommune: Kommune }
  type Kommune { id: ID nr: String name: String population(year: Int): Int fylke: Fylke }
  type Fylke { name: String }
`);

const ENTRY = { id: [], rank: ['rank'], score: ['score'], kommune: [] };
const KOMMUNE = { id: [], nr: ['nr'], name: [], fylke: [] };

async function rootSelection(document: string): Promise<Selection> {
  let seen: Selection | undefined;
  const result = await execute({
    schema,
    document: parse(document),
    rootValue: { ranking: (_args: unknown, _ctx: unknown, info: Parameters<typeof selectionOf>[0]) => { seen = selectionOf(info); return null; } },
  });
  expect(result.errors).toBeUndefined();
  return seen!;
}

const nodesOf = (selection: Selection) => childrenNamed(selection, 'edges').flatMap((edges) => childrenNamed(edges, 'node'));

describe('reading only the selected properties', () => {
  it('reads the properties of the fields selected, under every alias, besides what every record needs', async () => {
    const selection = await rootSelection(`{ ranking { edges { node { __typename rank kommune { nr fylke { name } } } }
      more: edges { node { score k: kommune { id } } } } }`);
    const nodes = nodesOf(selection);
    expect(nodes).toHaveLength(2);
    expect(selectedProperties(nodes, ENTRY)).toEqual(['id', 'key', 'name', 'rank', 'score']);
    const kommuner = nodes.flatMap((node) => childrenNamed(node, 'kommune'));
    expect(selectedProperties(kommuner, KOMMUNE, ['nr'])).toEqual(['id', 'key', 'name', 'nr']);
  });

  it('reads the whole node when a field is not in the table: { ranking { edges { node { kommune { population } } } } }', async () => {
    const selection = await rootSelection('{ ranking { edges { node { rank kommune { name population } } } } }');
    const kommuner = nodesOf(selection).flatMap((node) => childrenNamed(node, 'kommune'));
    expect(selectedProperties(kommuner, KOMMUNE)).toBeNull();
  });

  it('reads a projection as a list in a fixed order and decodes it, leaving out the properties a node lacks', () => {
    const entry = projection('e', ['id', 'rank', 'note'], { subjectId: 's.id' });
    expect(entry.cypher).toBe('[e.id, e.rank, e.note, s.id, labels(e)]');
    expect(entry.decode(['RankingEntry:x', 3, null, 'Kommune:3006', ['Entity', 'RankingEntry']]))
      .toEqual({ id: 'RankingEntry:x', rank: 3, subjectId: 'Kommune:3006', labels: ['Entity', 'RankingEntry'] });
  });

  it('reads every property as a map when the properties are null, and passes the map through', () => {
    const whole = projection('s', null, { subjectId: 's.id' });
    expect(whole.cypher).toBe('s{.*, subjectId: s.id, labels: labels(s)}');
    const raw = { id: 'Kommune:3006', name: 'Kongsberg', labels: ['Entity', 'Kommune'] };
    expect(whole.decode(raw)).toBe(raw);
  });

  it('keys a set of properties whatever their order, and the whole node apart', () => {
    expect(propertiesKey(['name', 'id'])).toBe(propertiesKey(['id', 'name']));
    expect(propertiesKey(null)).not.toBe(propertiesKey([]));
  });
});
