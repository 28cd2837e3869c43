import path from 'node:path';
import type { Tx } from '../../db/database.js';
import { clusterKind } from '../../seed/build/clusters.js';
import { allowsRelationship, isRelationshipType, type NodeLabel, RELATIONSHIP_PATTERNS, type RelationshipType } from '../../graph/index.js';
import { addSourceToNodes, writeNodes, writeRelationships, writeSources } from '../../graph/index.js';
import { buildSearchText, slugify } from '../../graph/index.js';
import { cites, hasChanges, type Outcome, outcomeOf, propertyChanges } from '../diff.js';
import { text } from '../fields.js';
import { foldName } from '../kommuner.js';
import type { Checked } from '../pipeline.js';
import { type CsvRow, delimiterName, field } from '../read/csv.js';
import { findEntitiesByWords, readLinks, readNodes } from '../repository.js';
import { checkUrl, fileSource, sourceRecord, SourcesByUrl } from '../sources.js';
import { type FormatContext, type FormatRun, openCsvInput } from './input.js';

const COLUMNS = {
  subject: { names: ['subject'], required: true },
  subjectType: { names: ['subject_type'], required: true },
  relation: { names: ['relation'], required: true },
  object: { names: ['object'], required: true },
  objectType: { names: ['object_type'], required: true },
  date: { names: ['date'], required: false },
  sourceUrl: { names: ['source_url'], required: false },
  note: { names: ['note'], required: false },
} as const;

type EntityLabel = Extract<NodeLabel, 'Company' | 'Cluster' | 'School' | 'Event' | 'Initiative' | 'Kommune'>;

/** The words fact files use for a type, as the model's label and, where the word says it, a kind. */
const TYPE_WORDS: Readonly<Record<string, { label: EntityLabel; kind?: string }>> = {
  company: { label: 'Company' },
  cluster: { label: 'Cluster' },
  network: { label: 'Cluster', kind: 'INDUSTRY_NETWORK' },
  organization: { label: 'Cluster', kind: 'BUSINESS_ASSOCIATION' },
  organisation: { label: 'Cluster', kind: 'BUSINESS_ASSOCIATION' },
  school: { label: 'School' },
  university: { label: 'School', kind: 'UNIVERSITY' },
  event: { label: 'Event' },
  project: { label: 'Initiative' },
  initiative: { label: 'Initiative' },
  kommune: { label: 'Kommune' },
};
const KINDS: Partial<Record<EntityLabel, readonly string[]>> = {
  Cluster: ['NCE', 'GCE', 'ARENA', 'ARENA_PRO', 'CATAPULT', 'INDUSTRY_NETWORK', 'BUSINESS_ASSOCIATION'],
  School: ['UNIVERSITY', 'UNIVERSITY_COLLEGE', 'VOCATIONAL_COLLEGE', 'UPPER_SECONDARY', 'TRAINING_CENTRE'],
};
/** Reference and statistics links come from the seeds and the other formats, not from fact files. */
const NOT_FROM_FACTS = new Set<RelationshipType>(['IN_FYLKE', 'IN_COMMUTING_REGION', 'FOR_INDICATOR', 'RANKS', 'HAS_VALUE']);
/** Words Lucene's standard analyzer drops; a quoted stop word would match nothing. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with']);

/** One end of a fact: a kommune (resolved from the crosswalks), an id, or a name to find or create. */
type End =
  | { kind: 'id'; label: EntityLabel; id: string; remark: string | null }
  | { kind: 'name'; label: Exclude<EntityLabel, 'Kommune'>; name: string; entityKind: string | null };

interface RelationUnit {
  subject: End;
  object: End;
  type: RelationshipType;
  date: string | null;
  note: string | null;
  sourceUrl: string | null;
  /** Filled in before planning. */
  subjectId: string;
  objectId: string;
  sourceId: string;
  /** Entities the fact introduces, with their properties. */
  create: { label: EntityLabel; id: string; name: string; kind: string | null }[];
}

function typeOf(word: string): { label: EntityLabel; kind: string | null } | string {
  const [base, given] = word.split('/').map((part) => part.trim());
  const known = TYPE_WORDS[(base ?? '').toLowerCase()];
  if (!known) return `type "${word.slice(0, 40)}" is not one the model has (${Object.keys(TYPE_WORDS).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(', ')})`;
  if (given === undefined) return { label: known.label, kind: known.kind ?? null };
  const kind = given.toUpperCase().replace(/[\s-]+/g, '_');
  if (!KINDS[known.label]?.includes(kind)) return `type "${word.slice(0, 40)}": a ${known.label} kind is one of ${(KINDS[known.label] ?? []).join(', ') || 'none'}`;
  return { label: known.label, kind };
}

/** "NCE Systems Engineering" is an NCE, "Arena Pro X" an Arena Pro; null when the name does not say. */
function clusterKindFromName(name: string): string | null {
  const words = name.split(/\s+/);
  for (const prefix of [words.slice(0, 2).join(' '), words[0] ?? '']) {
    try {
      return clusterKind(prefix);
    } catch {
      // not a programme level
    }
  }
  return null;
}

function schoolKindFromName(name: string): string | null {
  const folded = slugify(name);
  if (/universitet/.test(folded)) return 'UNIVERSITY';
  if (/hogskole/.test(folded)) return 'UNIVERSITY_COLLEGE';
  if (/fagskole/.test(folded)) return 'VOCATIONAL_COLLEGE';
  if (/videregaende/.test(folded)) return 'UPPER_SECONDARY';
  return null;
}

const ID = /^(Company|Cluster|School|Event|Initiative|Kommune):(\S+)$/;

/**
 * `relations`: cooperation facts written as `subject,subject_type,relation,object,object_type,
 * date,source_url,note` (the form of the Kongsberg ecosystem facts). Entities are found by id
 * or by name among those of their type (names folded as search folds them), and created with a
 * slug key when the graph has none; kommuner are found by number or by a name only one of them
 * has, never created.
 */
export function relationsFormat(context: FormatContext): FormatRun<CsvRow, RelationUnit> {
  const base = path.basename(context.file);
  const ownSource = fileSource({ title: `Cooperation facts, ${base}`, url: null, publisher: 'not stated', note: null, licence: null }, context.source);
  const byUrl = new SourcesByUrl((url) => sourceRecord({
    title: context.source.title ?? `Page cited in ${base}`,
    url,
    publisher: context.source.publisher ?? new URL(url).hostname.replace(/^www\./, ''),
    note: context.source.note ?? null,
    licence: context.source.licence ?? null,
  }));
  /** Name lookups of earlier batches: `<label>|<slug>` → id, or the reason the name is refused. */
  const found = new Map<string, { id: string; exists: boolean } | string>();
  const cited = new Set<string>();
  let readAs = { encoding: null as string | null, delimiter: null as string | null };

  const endOf = (value: string | null, typeWord: string | null, column: string): End | string => {
    if (value === null) return `${column} is empty`;
    const type = typeOf(typeWord ?? '');
    if (typeof type === 'string') return `${column}_type: ${type}`;
    const id = ID.exec(value);
    if (id) {
      if (id[1] !== type.label) return `${column} ${value} is not a ${type.label}`;
      if (type.label !== 'Kommune') return { kind: 'id', label: type.label, id: value, remark: null };
    }
    if (type.label === 'Kommune') return kommuneEnd(id ? id[2]! : value, column);
    return { kind: 'name', label: type.label, name: value, entityKind: type.kind };
  };

  const kommuneEnd = (value: string, column: string): End | string => {
    const numbered = /^(\d{3,4})(?:\s+(.+))?$/.exec(value);
    if (numbered) {
      const lookup = context.directory.resolve(numbered[1]!, numbered[2] ?? null, { acceptPartOfSplit: true });
      if (!lookup.ok) return `${column}: ${lookup.reason}`;
      return { kind: 'id', label: 'Kommune', id: `Kommune:${lookup.match.kommune.nr}`, remark: lookup.match.mappingNote };
    }
    const remark = /\(([^)]*)\)\s*$/.exec(value)?.[1] ?? null;
    let candidates = context.directory.byName(value);
    if (candidates.length > 1 && remark) {
      const fylke = context.directory.fylkeNrByName(remark);
      if (fylke) candidates = candidates.filter((kommune) => kommune.fylkeNr === fylke);
    }
    if (candidates.length === 0) return `${column}: no kommune of 2020–2023 is called "${value.slice(0, 60)}"`;
    if (candidates.length > 1) return `${column}: "${value.slice(0, 60)}" names several kommuner (${candidates.map((k) => `${k.nr} ${k.name}`).join(', ')}); write the number`;
    const kommune = candidates[0]!;
    const exact = foldName(value) === foldName(kommune.name) && remark === null;
    return { kind: 'id', label: 'Kommune', id: `Kommune:${kommune.nr}`, remark: exact ? null : `${column} as written: "${value}"` };
  };

  const endKey = (end: End) => (end.kind === 'id' ? end.id : `${end.label}:${slugify(end.name)}`);

  const lookupName = async (end: Extract<End, { kind: 'name' }>, reader: Tx): Promise<{ id: string; exists: boolean } | string> => {
    const slug = slugify(end.name);
    const cacheKey = `${end.label}|${slug}`;
    const cached = found.get(cacheKey);
    if (cached !== undefined) return cached;
    const words = slug.split('-').filter((word) => word.length > 0 && !STOP_WORDS.has(word)).sort((a, b) => b.length - a.length).slice(0, 4);
    const matches = (await findEntitiesByWords(reader, words))
      .filter((entity) => entity.labels.includes(end.label))
      .filter((entity) => [entity.name, ...(entity.aliases ?? [])].some((name) => typeof name === 'string' && slugify(name) === slug));
    let result: { id: string; exists: boolean } | string;
    if (matches.length === 1) result = { id: matches[0]!.id, exists: true };
    else if (matches.length > 1) result = `several ${end.label} entities are called "${end.name.slice(0, 60)}" (${matches.map((m) => m.id).join(', ')}); write the id instead`;
    else result = { id: `${end.label}:${slug}`, exists: false };
    found.set(cacheKey, result);
    return result;
  };

  const resolveEnd = async (end: End, reader: Tx, column: string, unit: RelationUnit): Promise<string | { refused: string }> => {
    if (end.kind === 'id') return end.id;
    const result = await lookupName(end, reader);
    if (typeof result === 'string') return { refused: `${column}: ${result}` };
    if (!result.exists) {
      let kind = end.entityKind;
      if (end.label === 'Cluster') kind ??= clusterKindFromName(end.name);
      if (end.label === 'School') kind ??= schoolKindFromName(end.name);
      if (kind === null && (end.label === 'Cluster' || end.label === 'School')) {
        return { refused: `${column}: "${end.name.slice(0, 60)}" is not in the graph and its kind is unknown; write ${end.label}/<KIND> (${KINDS[end.label]!.join(', ')}) as its type` };
      }
      unit.create.push({ label: end.label, id: result.id, name: end.name, kind });
    }
    return result.id;
  };

  return {
    readAs: () => readAs,
    citedSourceIds: () => [...cited].sort(),
    async open() {
      const input = await openCsvInput(context, COLUMNS);
      readAs = { encoding: input.file.encoding, delimiter: delimiterName(input.table.delimiter) };
      const c = input.columns;
      return {
        rows: input.rows,
        progress: input.file.progress,
        check(row): Checked<RelationUnit> {
          const subject = endOf(field(row, c.subject), field(row, c.subjectType), 'subject');
          if (typeof subject === 'string') return { refused: subject };
          const object = endOf(field(row, c.object), field(row, c.objectType), 'object');
          if (typeof object === 'string') return { refused: object };
          const relation = (field(row, c.relation) ?? '').toUpperCase();
          if (!isRelationshipType(relation) || NOT_FROM_FACTS.has(relation)) {
            const allowed = Object.keys(RELATIONSHIP_PATTERNS).filter((type) => !NOT_FROM_FACTS.has(type as RelationshipType));
            return { refused: `relation "${(field(row, c.relation) ?? '').slice(0, 40)}" is not one the model has (${allowed.join(', ')})` };
          }
          if (!allowsRelationship(relation, subject.label, object.label)) {
            return { refused: `the model has no ${relation} from ${subject.label} to ${object.label}` };
          }
          const date = field(row, c.date);
          if (date !== null && !isDate(date)) return { refused: `date "${date.slice(0, 20)}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD` };
          const note = text(field(row, c.note), 'note');
          if ('refused' in note) return note;
          const rawUrl = field(row, c.sourceUrl);
          const url = rawUrl === null ? null : checkUrl(rawUrl, 'source_url');
          if (url && 'refused' in url) return url;
          const remarks = [subject, object].flatMap((end) => (end.kind === 'id' && end.remark ? [end.remark] : []));
          return {
            key: `${endKey(subject)} ${relation} ${endKey(object)} ${url?.url ?? ''}`.trimEnd(),
            unit: {
              subject, object, type: relation, date,
              note: [...remarks, note.value].filter((part): part is string => part !== null).join('; ') || null,
              sourceUrl: url ? url.url : null,
              subjectId: '', objectId: '', sourceId: '', create: [],
            },
          };
        },
        async prepare(units, reader) {
          await byUrl.resolve(units.flatMap((unit) => (unit.sourceUrl ? [unit.sourceUrl] : [])), reader);
          const named = units.flatMap((unit) => [unit.subject, unit.object]).filter((end) => end.kind === 'id' && end.label !== 'Kommune').map((end) => (end as { id: string }).id);
          const existing = await readNodes(reader, [...new Set(named)]);
          const prepared: (RelationUnit | string)[] = [];
          for (const original of units) {
            const unit = { ...original, create: [] as RelationUnit['create'] };
            const missing = [unit.subject, unit.object].find((end) => end.kind === 'id' && end.label !== 'Kommune' && !existing.get(end.id)?.props);
            if (missing && missing.kind === 'id') {
              prepared.push(`no entity ${missing.id} in the graph; give its name to create it`);
              continue;
            }
            const subjectId = await resolveEnd(unit.subject, reader, 'subject', unit);
            if (typeof subjectId !== 'string') {
              prepared.push(subjectId.refused);
              continue;
            }
            const objectId = await resolveEnd(unit.object, reader, 'object', unit);
            if (typeof objectId !== 'string') {
              prepared.push(objectId.refused);
              continue;
            }
            if (subjectId === objectId) {
              prepared.push(`subject and object are the same entity (${subjectId})`);
              continue;
            }
            prepared.push({ ...unit, subjectId, objectId, sourceId: unit.sourceUrl ? byUrl.idOf(unit.sourceUrl) : ownSource.id });
          }
          return prepared;
        },
        async plan(tx, units) {
          const entityIds = [...new Set(units.flatMap((unit) => [unit.subjectId, unit.objectId]).filter((id) => !id.startsWith('Kommune:')))];
          const [nodes, links] = await Promise.all([
            readNodes(tx, entityIds),
            readLinks(tx, units.map((unit) => ({ from: unit.subjectId, type: unit.type, to: unit.objectId }))),
          ]);
          const creates = new Map<string, Parameters<typeof writeNodes>[1][number]>();
          const sourcesOf = new Map<string, Set<string>>();
          const relationships: Parameters<typeof writeRelationships>[1][number][] = [];
          const outcomes: Outcome[] = units.map((unit) => {
            let endsChanged = false;
            for (const entity of unit.create) {
              if (nodes.get(entity.id)?.props) continue;
              const pending = creates.get(entity.id);
              if (pending) {
                pending.sourceIds = [...new Set([...pending.sourceIds, unit.sourceId])];
                continue;
              }
              creates.set(entity.id, {
                label: entity.label, id: entity.id, key: entity.id.slice(entity.label.length + 1), searchText: buildSearchText([entity.name]),
                props: entity.kind ? { name: entity.name, kind: entity.kind } : { name: entity.name }, sourceIds: [unit.sourceId],
              });
            }
            for (const id of [unit.subjectId, unit.objectId]) {
              const stored = nodes.get(id)?.props;
              if (!stored || cites(stored.sourceIds, unit.sourceId)) continue;
              const set = sourcesOf.get(unit.sourceId) ?? new Set<string>();
              if (!set.has(id)) endsChanged = true;
              set.add(id);
              sourcesOf.set(unit.sourceId, set);
            }
            const before = links.get(`${unit.subjectId}|${unit.type}|${unit.objectId}`) ?? null;
            const changes = propertyChanges(before, { date: unit.date, note: unit.note });
            const linkChanged = before === null || hasChanges(changes) || !cites(before.sourceIds, unit.sourceId);
            if (linkChanged) relationships.push({ type: unit.type, from: unit.subjectId, to: unit.objectId, props: changes, sourceIds: [unit.sourceId] });
            return outcomeOf(before !== null, linkChanged || endsChanged);
          });
          const ids = units.map((unit) => unit.sourceId);
          for (const id of ids) cited.add(id);
          const fresh = byUrl.newSources(ids);
          if (ids.includes(ownSource.id)) fresh.push(ownSource);
          return {
            outcomes,
            async write(writer) {
              await writeSources(writer, fresh);
              if (creates.size > 0) await writeNodes(writer, [...creates.values()]);
              for (const [sourceId, nodeIds] of sourcesOf) await addSourceToNodes(writer, [...nodeIds], sourceId);
              if (relationships.length === 0) return;
              const written = await writeRelationships(writer, relationships);
              if (written !== relationships.length) throw new Error(`only ${written} of ${relationships.length} facts found both their ends`);
            },
          };
        },
      };
    },
  };
}

function isDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month = '01', day = '01'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.toISOString().slice(0, 10) === `${year}-${month}-${day}`;
}
