import { badInput } from '../../errors.js';
import { storedValueProblem } from '../../graph/validation.js';
import path from 'node:path';
import { TokenParser, Tokenizer } from '@streamparser/json';
import type { Tx } from '../../db/database.js';
import { addSourceToNodes, type TypedRelationship, writeNodes, writeRelationships, writeSources } from '../../graph/index.js';
import { buildSearchText } from '../../graph/index.js';
import { cites, hasChanges, type Outcome, outcomeOf, propertyChanges } from '../diff.js';
import { normaliseKommuneNr } from '../kommuner.js';
import type { Checked, InputRow } from '../pipeline.js';
import { openTextFile, readWholeText } from '../read/decode.js';
import { findIndicators, readValues } from '../repository.js';
import { fileSource } from '../sources.js';
import { FileError, type Refusal } from '../summary.js';
import type { FormatContext, FormatRun } from './input.js';

export interface JsonStatOptions {
  /** Key of the VALUE indicator the values belong to (`ssb/higher-education-share`). */
  indicator: string;
  /** Used only when the indicator is created. */
  indicatorName?: string;
  unit?: string;
  higherIsBetter?: boolean | null;
  /** Dimension → the category codes to keep. */
  filters: Record<string, string[]>;
  /** Dimensions whose kept categories are added up. */
  sumOver: string[];
}

const INDICATOR_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)+$/;
const SSB = 'Statistisk sentralbyrå';
const SSB_LICENCE = 'NLOD / CC BY 4.0 (attribute Statistisk sentralbyrå)';

interface Category {
  code: string;
  label: string;
  position: number;
}

interface Dimension {
  id: string;
  /** Distance in `value` between neighbouring categories (row-major, the last dimension fastest). */
  stride: number;
  label: string;
  categories: Category[];
  /** JSON-stat's `category.unit` by code (`{ base: 'prosent', decimals: 1 }`), where given. */
  units: Record<string, { base?: unknown }>;
}

interface Dataset {
  label: string;
  source: string | null;
  updated: string | null;
  href: string | null;
  tableId: string | null;
  /** The first dimension of each JSON-stat role (`geo`, `time`, `metric`), where the dataset names one. */
  roles: Record<string, string>;
  dimensions: Dimension[];
  value: (index: number) => number | null;
}

interface ValueUnit {
  kommuneId: string;
  year: number;
  value: number;
  note: string | null;
}

/** The line where `needle` first occurs, so a refused region can be found in the file. */
function lineOf(text: string, needle: string): number | null {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function lineOfPosition(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Where a streaming tokenizer stops on broken JSON, for when `JSON.parse` does not say (it often does not on Node 20). */
function errorPosition(text: string): string | null {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser();
  tokenizer.onToken = (token) => parser.write(token);
  try {
    tokenizer.write(text);
    tokenizer.end();
  } catch (error) {
    return /absolute position "(\d+)"/.exec(error instanceof Error ? error.message : '')?.[1] ?? null;
  }
  return null;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads JSON-stat 2.0 as PxWebApi returns it (`format=json-stat2`): dense or sparse values, index as array or object. */
export function parseJsonStat(text: string): Dataset {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1] ?? errorPosition(text);
    throw new FileError(position === null ? null : lineOfPosition(text, Number(position)), `the file is not valid JSON: ${message.split('\n')[0]}`);
  }
  const root = record(data);
  if (!root) throw new FileError(1, 'expected a JSON-stat 2.0 dataset (an object)');
  if (record(root.dataset)) throw new FileError(1, 'this is JSON-stat 1.x (a bundle with "dataset"); ask PxWebApi for format=json-stat2');
  if (root.class !== undefined && root.class !== 'dataset') throw new FileError(1, `expected a JSON-stat dataset, got class "${String(root.class)}"`);
  const ids = root.id;
  const sizes = root.size;
  const dimensions = record(root.dimension);
  if (!Array.isArray(ids) || !Array.isArray(sizes) || ids.length !== sizes.length || !dimensions
    || ids.some((id) => typeof id !== 'string') || sizes.some((size) => !Number.isInteger(size))) {
    throw new FileError(1, 'expected JSON-stat 2.0 with "id", "size" and "dimension"');
  }

  const parsed: Dimension[] = (ids as string[]).map((id, d) => {
    const dimension = record(dimensions[id]);
    const category = record(dimension?.category);
    if (!dimension || !category) throw new FileError(lineOf(text, `"${id}"`), `dimension ${id} has no category`);
    const labels = record(category.label) ?? {};
    let codes: string[];
    if (Array.isArray(category.index)) codes = category.index.map(String);
    else if (record(category.index)) codes = Object.entries(record(category.index)!).sort((a, b) => Number(a[1]) - Number(b[1])).map(([code]) => code);
    else codes = Object.keys(labels);
    if (codes.length !== sizes[d]) throw new FileError(lineOf(text, `"${id}"`), `dimension ${id} has ${codes.length} categories but size ${String(sizes[d])}`);
    return {
      id,
      stride: 0,
      label: typeof dimension.label === 'string' ? dimension.label : id,
      categories: codes.map((code, position) => ({ code, label: typeof labels[code] === 'string' ? (labels[code] as string) : code, position })),
      units: (record(category.unit) ?? {}) as Record<string, { base?: unknown }>,
    };
  });

  let stride = 1;
  for (let d = parsed.length - 1; d >= 0; d -= 1) {
    parsed[d]!.stride = stride;
    stride *= sizes[d] as number;
  }
  const values = root.value;
  let value: (index: number) => number | null;
  if (Array.isArray(values)) {
    if (values.length !== stride) throw new FileError(lineOf(text, '"value"'), `"value" has ${values.length} numbers but the dimensions make ${stride} cells`);
    value = (index) => (typeof values[index] === 'number' ? (values[index] as number) : null);
  } else if (record(values)) {
    const sparse = record(values)!;
    value = (index) => (typeof sparse[String(index)] === 'number' ? (sparse[String(index)] as number) : null);
  } else {
    throw new FileError(1, 'the dataset has no "value"');
  }

  const extension = record(record(root.extension)?.px);
  const roles: Record<string, string> = {};
  for (const [role, list] of Object.entries(record(root.role) ?? {})) {
    if (Array.isArray(list) && typeof list[0] === 'string') roles[role] = list[0];
  }
  return {
    roles,
    label: typeof root.label === 'string' ? root.label : 'JSON-stat dataset',
    source: typeof root.source === 'string' ? root.source : null,
    updated: typeof root.updated === 'string' ? root.updated : null,
    href: typeof root.href === 'string' ? root.href : null,
    tableId: typeof extension?.tableid === 'string' ? extension.tableid : null,
    dimensions: parsed,
    value,
  };
}

/** How the dataset is reduced to one number per region and year. */
interface Selection {
  geo: Dimension;
  time: Dimension;
  /** Every other dimension with the categories kept; summed when there are several. */
  rest: { dimension: Dimension; kept: Category[] }[];
  description: string;
}

function findDimension(dataset: Dataset, name: string, option: string): Dimension {
  const found = dataset.dimensions.find((d) => d.id.toLowerCase() === name.toLowerCase());
  if (!found) throw new FileError(null, `${option}: the dataset has no dimension ${name} (it has ${dataset.dimensions.map((d) => d.id).join(', ')})`);
  return found;
}

function listCodes(dimension: Dimension): string {
  const shown = dimension.categories.slice(0, 12).map((c) => c.code).join(', ');
  return dimension.categories.length > 12 ? `${shown}, …` : shown;
}

export function selectCells(dataset: Dataset, options: JsonStatOptions): Selection {
  const geoId = dataset.roles.geo ?? dataset.dimensions.find((d) => /^region$/i.test(d.id))?.id;
  const timeId = dataset.roles.time ?? dataset.dimensions.find((d) => /^tid$/i.test(d.id))?.id;
  if (!geoId) throw new FileError(null, `the dataset has no region dimension (role "geo"); it has ${dataset.dimensions.map((d) => d.id).join(', ')}`);
  if (!timeId) throw new FileError(null, `the dataset has no time dimension (role "time"); it has ${dataset.dimensions.map((d) => d.id).join(', ')}`);

  const kept = new Map<string, Category[]>(dataset.dimensions.map((d) => [d.id, d.categories]));
  for (const [name, codes] of Object.entries(options.filters)) {
    const dimension = findDimension(dataset, name, '--filter');
    const chosen = codes.map((code) => {
      const category = dimension.categories.find((c) => c.code === code);
      if (!category) throw new FileError(null, `--filter ${name}=${code}: ${dimension.id} has no category ${code} (it has ${listCodes(dimension)})`);
      return category;
    });
    kept.set(dimension.id, chosen);
  }
  const summed = new Set(options.sumOver.map((name) => findDimension(dataset, name, '--sum-over').id));
  for (const id of [geoId, timeId]) if (summed.has(id)) throw new FileError(null, `--sum-over ${id}: values are kept per kommune and year, so ${id} cannot be summed`);

  const time = dataset.dimensions.find((d) => d.id === timeId)!;
  const notYears = kept.get(timeId)!.filter((c) => !/^\d{4}$/.test(c.code));
  if (notYears.length > 0) throw new FileError(null, `${timeId} holds ${notYears.map((c) => c.code).slice(0, 5).join(', ')}, which are not years; only yearly statistics can be imported`);

  const rest = dataset.dimensions.filter((d) => d.id !== geoId && d.id !== timeId).map((dimension) => {
    const categories = kept.get(dimension.id)!;
    if (categories.length > 1 && !summed.has(dimension.id)) {
      throw new FileError(null, `dimension ${dimension.id} (${dimension.label}) has ${categories.length} categories (${listCodes({ ...dimension, categories })}): `
        + `choose one with --filter ${dimension.id}=<code>, or add them up with --sum-over ${dimension.id}`);
    }
    return { dimension, kept: categories };
  });
  const description = rest.map(({ dimension, kept: categories }) =>
    `${dimension.label}: ${categories.map((c) => `${c.code} ${c.label}`).join(' + ')}`).join('; ');
  return { geo: dataset.dimensions.find((d) => d.id === geoId)!, time: { ...time, categories: kept.get(timeId)! }, rest, description };
}

/** Svalbard (21xx), Jan Mayen (22xx), the continental shelf (23xx) and "unknown" (9999) are regions SSB counts that are no kommune. */
const NOT_KOMMUNER = /^(2[123]\d\d|9999)$/;

function sumOf(dataset: Dataset, selection: Selection, geo: Category, time: Category): number | null {
  let positions = [geo.position * selection.geo.stride + time.position * selection.time.stride];
  for (const { dimension, kept } of selection.rest) {
    positions = positions.flatMap((base) => kept.map((category) => base + category.position * dimension.stride));
  }
  let sum = 0;
  for (const position of positions) {
    const value = dataset.value(position);
    if (value === null) return null;
    sum += value;
  }
  // Adding 12.3 and 20.1 should give 32.4, not 32.400000000000006.
  return Math.round(sum * 1e9) / 1e9;
}

/**
 * `ssb-jsonstat`: a JSON-stat 2.0 dataset reduced to one value per kommune and year with
 * `--filter` and `--sum-over`, as HAS_VALUE of a VALUE indicator (created when missing). Regions
 * of any era map through the crosswalks; a region whose label is none of its number's names is
 * refused, and so are regions that would give one kommune two values for a year.
 */
export function ssbJsonStatFormat(context: FormatContext, options: JsonStatOptions): FormatRun<Checked<ValueUnit>, ValueUnit> {
  if (!INDICATOR_KEY.test(options.indicator)) {
    throw new FileError(null, `--indicator "${options.indicator}" must be a key like ssb/higher-education-share (lowercase words joined by hyphens, parts by /)`);
  }
  const indicatorId = `Indicator:${options.indicator}`;
  let prepared: Promise<{ rows: (InputRow<Checked<ValueUnit>> | Refusal)[]; dataset: Dataset; selection: Selection; encoding: string }> | null = null;

  const prepare = async () => {
    const file = await openTextFile(context.file, context.encoding);
    const text = await readWholeText(file);
    const dataset = parseJsonStat(text);
    const selection = selectCells(dataset, options);
    return { rows: cellsOf(dataset, selection, text), dataset, selection, encoding: file.encoding };
  };

  const cellsOf = (dataset: Dataset, selection: Selection, text: string) => {
    const rows: InputRow<Checked<ValueUnit>>[] = [];
    const byKommuneYear = new Map<string, { row: InputRow<Checked<ValueUnit>>; geo: Category }[]>();
    for (const geo of selection.geo.categories) {
      const line = lineOf(text, `"${geo.code}"`);
      const nr = normaliseKommuneNr(geo.code);
      for (const time of selection.time.categories) {
        let checked: Checked<ValueUnit>;
        const value = sumOf(dataset, selection, geo, time);
        if (nr === null || NOT_KOMMUNER.test(nr)) {
          checked = { skipped: 'regions that are not kommuner (the country, fylker, Svalbard, unknown)' };
        } else if (value === null) {
          checked = { skipped: 'cells without a value (SSB writes .. or :)' };
        } else {
          const lookup = context.directory.resolve(nr, geo.label, { acceptPartOfSplit: false });
          checked = lookup.ok
            ? { unit: { kommuneId: `Kommune:${lookup.match.kommune.nr}`, year: Number(time.code), value, note: lookup.match.mappingNote }, key: null }
            : { refused: `region ${geo.code} (${geo.label}), ${time.code}: ${lookup.reason}` };
        }
        const row = { line, index: null, data: checked };
        rows.push(row);
        if ('unit' in checked) {
          const key = `${checked.unit.kommuneId}|${checked.unit.year}`;
          byKommuneYear.set(key, [...(byKommuneYear.get(key) ?? []), { row, geo }]);
        }
      }
    }
    // Two regions for one kommune and year are pre-2020 kommuner that merged: a share cannot be added up.
    for (const [key, group] of byKommuneYear) {
      if (group.length < 2) continue;
      const [kommuneId, year] = key.split('|');
      const nr = kommuneId!.slice('Kommune:'.length);
      for (const { row, geo } of group) {
        const others = group.filter((other) => other.geo !== geo).map((other) => other.geo.code).join(', ');
        row.data = {
          refused: `region ${geo.code} (${geo.label}), ${year}: ${nr} ${context.directory.kommune(nr)?.name ?? ''} also gets a value from ${others} in this table; add them up or filter them before importing`,
        };
      }
    }
    return rows;
  };

  let source: ReturnType<typeof fileSource> | null = null;
  let readAs = { encoding: null as string | null, delimiter: null as string | null };

  return {
    readAs: () => readAs,
    citedSourceIds: () => (source ? [source.id] : []),
    async open() {
      prepared ??= prepare();
      const { rows, dataset, selection, encoding } = await prepared;
      readAs = { encoding, delimiter: null };
      const isSsb = dataset.source === null || dataset.source === SSB;
      const ownSource = fileSource({
        title: dataset.tableId ? `${dataset.source ?? SSB} table ${dataset.tableId}: ${dataset.label.replace(/^\d+:\s*/, '')}` : dataset.label,
        url: dataset.href ?? (isSsb && dataset.tableId ? `https://www.ssb.no/statbank/table/${dataset.tableId}` : null),
        publisher: dataset.source ?? SSB,
        note: [dataset.updated ? `updated ${dataset.updated}` : null, selection.description || null].filter(Boolean).join('; ') || null,
        licence: isSsb ? SSB_LICENCE : null,
      }, context.source);
      source = ownSource;
      const metric = selection.rest.find(({ dimension }) => Object.keys(dimension.units).length > 0);
      const unitBase = metric ? metric.dimension.units[metric.kept[0]!.code]?.base : undefined;

      return {
        rows: (async function* () { yield rows; })(),
        check: (checked) => checked,
        async begin(tx: Tx, dryRun: boolean) {
          const [existing] = await findIndicators(tx, [options.indicator]);
          if (existing) {
            if (existing.kind !== 'VALUE') throw new FileError(null, `${options.indicator} is a ${existing.kind} indicator; values need a VALUE indicator`);
            if (options.indicatorName || options.unit || options.higherIsBetter !== undefined) {
              context.notes.push(`Indicator ${options.indicator} exists; --indicator-name, --unit and --higher-is-better only apply when it is created.`);
            }
            if (!dryRun) {
              await writeSources(tx, [ownSource]);
              await addSourceToNodes(tx, [existing.id], ownSource.id);
            }
            return;
          }
          const unit = options.unit ?? (typeof unitBase === 'string' ? unitBase : undefined);
          if (!unit) throw new FileError(null, `the indicator ${options.indicator} does not exist and the dataset names no unit; name it with --unit`);
          const name = options.indicatorName ?? `${dataset.label.replace(/^\d+:\s*/, '')}${selection.description ? ` (${selection.description})` : ''}`;
          const unfit = storedValueProblem('name', name, 'the indicator\'s name');
          if (unfit) throw badInput(`${unfit}; name it with --indicator-name`, 'indicatorName');
          context.notes.push(`${dryRun ? 'Would create' : 'Created'} the VALUE indicator ${options.indicator} ("${name}", unit ${unit}).`);
          if (dryRun) return;
          await writeSources(tx, [ownSource]);
          await writeNodes(tx, [{
            label: 'Indicator',
            id: indicatorId,
            key: options.indicator,
            searchText: buildSearchText([name, options.indicator]),
            props: {
              key: options.indicator,
              name,
              kind: 'VALUE',
              unit,
              higherIsBetter: options.higherIsBetter ?? null,
              description: `${dataset.label}${dataset.tableId ? ` (${dataset.source ?? SSB} table ${dataset.tableId})` : ''}. `
                + `${selection.description ? `${selection.description}. ` : ''}Imported from ${path.basename(context.file)}; the year is the statistics year.`,
              publisher: dataset.source ?? SSB,
            },
            sourceIds: [ownSource.id],
          }]);
        },
        locks: () => [indicatorId],
        async plan(tx, units) {
          const stored = await readValues(tx, indicatorId, units);
          const writes: TypedRelationship[] = [];
          const outcomes: Outcome[] = units.map((unit) => {
            const before = stored.get(`${unit.kommuneId}|${unit.year}`) ?? null;
            const changes = propertyChanges(before, { year: unit.year, value: unit.value, note: unit.note });
            const changed = before === null || hasChanges(changes) || !cites(before.sourceIds, ownSource.id);
            if (changed) writes.push({ type: 'HAS_VALUE', from: unit.kommuneId, to: indicatorId, props: { ...changes, year: unit.year }, sourceIds: [ownSource.id] });
            return outcomeOf(before !== null, changed);
          });
          return {
            outcomes,
            async write(writer) {
              if (writes.length === 0) return;
              const written = await writeRelationships(writer, writes);
              if (written !== writes.length) throw new Error(`only ${written} of ${writes.length} values found their kommune and indicator`);
            },
          };
        },
      };
    },
  };
}
