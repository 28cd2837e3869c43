import { parse } from 'csv-parse/sync';
import { splitList } from '../graph/index.js';

/**
 * Parsers from the text of each file in `seeds/` to typed rows. Pure: the caller reads the
 * files. Each parser checks what later steps rely on and names the file and line when a row
 * does not fit, so a bad edit to a seed file fails loudly instead of loading half a fact.
 */

/** File names in `seeds/`, one kind of fact each (see seeds/README.md). */
export const SEED_FILES = {
  sources: 'sources.csv',
  kommuner: 'kommuner_2020_2023.csv',
  crosswalk2024: 'kommune_crosswalk_2023_2024.csv',
  changes: 'kommune_changes_2011_2024.json',
  indicators: 'indicators.csv',
  values: 'indicator_values.csv',
  wageEarners: 'indicator_values_wage_earners_2018.csv',
  kommuneNm: 'kommune_nm_published_facts.csv',
  kommuneNmArticle: 'kommune_nm_article_claims.csv',
  clusters: 'clusters_and_catapults_published_facts.csv',
  ecosystem: 'kongsberg_ecosystem.json',
  bufdir: 'bufdir_interkommunale_samarbeid_barnevern_2023.csv',
  higherEd: 'higher_ed_institutions_etatsbasen_2014.csv',
  postalCodes: 'postal_codes_2025.csv',
  commuting2020: 'cooperation/ssb03321_commuting_2020.csv',
  commuting2021: 'cooperation/ssb03321_commuting_2021.csv',
  commuting2022: 'cooperation/ssb03321_commuting_2022.csv',
  commutingTotals2020: 'cooperation/ssb_pendling_kommune_totals_2020.csv',
  commutingTotals2021: 'cooperation/ssb_pendling_kommune_totals_2021.csv',
  commutingTotals2022: 'cooperation/ssb_pendling_kommune_totals_2022.csv',
  neighbours: 'cooperation/artsdatabanken_kommune_neighbours_2020.json',
  h2020: 'cooperation/rcn_horizon2020_norwegian_participations.csv',
  barnevern2021: 'cooperation/khr_barnevern_iks_2021.csv',
} as const;

/** The years of SSB 03321 commuting in the seeds, one flow file and one totals file each. */
export const COMMUTING_YEARS = [2020, 2021, 2022] as const;

export type SeedFileName = keyof typeof SEED_FILES;
/** The text of every seed file, keyed like `SEED_FILES`. */
export type SeedTexts = Record<SeedFileName, string>;

export class SeedFormatError extends Error {
  override readonly name = 'SeedFormatError';
  constructor(file: string, line: number | null, message: string) {
    super(`seeds/${file}${line === null ? '' : `:${line}`}: ${message}`);
  }
}

type CsvRecord = Record<string, string>;

function readCsv(file: string, text: string, columns: readonly string[], delimiter = ','): { row: CsvRecord; line: number }[] {
  const records = parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, info: true }) as {
    record: CsvRecord;
    info: { lines: number };
  }[];
  const header = Object.keys(records[0]?.record ?? {});
  const missing = columns.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    throw new SeedFormatError(file, 1, `expected columns ${columns.join(', ')}; missing ${missing.join(', ') || 'rows'}`);
  }
  return records.map(({ record, info }) => ({ row: record, line: info.lines }));
}

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function required(file: string, line: number, row: CsvRecord, column: string): string {
  const value = optional(row[column]);
  if (value === null) throw new SeedFormatError(file, line, `${column} is empty`);
  return value;
}

function integer(file: string, line: number, value: string | null, what: string): number {
  const n = Number(value);
  if (value === null || !Number.isInteger(n)) throw new SeedFormatError(file, line, `${what} must be a whole number, got "${value}"`);
  return n;
}

function decimal(file: string, line: number, value: string | null, what: string): number {
  const n = Number(value);
  if (value === null || !Number.isFinite(n)) throw new SeedFormatError(file, line, `${what} must be a number, got "${value}"`);
  return n;
}

function pattern(file: string, line: number, value: string, regex: RegExp, what: string): string {
  if (!regex.test(value)) throw new SeedFormatError(file, line, `${what} "${value}" does not match ${regex}`);
  return value;
}

const KOMMUNE_NR = /^\d{4}$/;
const FYLKE_NR = /^\d{2}$/;

// ---------------------------------------------------------------------------------------------
// Sources

export interface SourceRow {
  key: string;
  title: string;
  url: string | null;
  publisher: string;
  licence: string | null;
  note: string | null;
}

export function parseSources(text: string): SourceRow[] {
  const file = SEED_FILES.sources;
  const rows = readCsv(file, text, ['key', 'title', 'url', 'publisher', 'licence', 'note']).map(({ row, line }) => ({
    line,
    source: {
      key: pattern(file, line, required(file, line, row, 'key'), /^[a-z0-9-]+$/, 'key'),
      title: required(file, line, row, 'title'),
      url: optional(row.url),
      publisher: required(file, line, row, 'publisher'),
      licence: optional(row.licence),
      note: optional(row.note),
    },
  }));
  const seenKeys = new Set<string>();
  const seenUrls = new Set<string>();
  for (const { line, source } of rows) {
    if (seenKeys.has(source.key)) throw new SeedFormatError(file, line, `duplicate key ${source.key}`);
    if (source.url && seenUrls.has(source.url)) throw new SeedFormatError(file, line, `duplicate url ${source.url}`);
    seenKeys.add(source.key);
    if (source.url) seenUrls.add(source.url);
  }
  return rows.map(({ source }) => source);
}

// ---------------------------------------------------------------------------------------------
// Kommuner, their numbers of other eras

export interface KommuneRow {
  nr: string;
  name: string;
  officialName: string;
  /** Kartverket's valid names in priority order, without the language. */
  validNames: string[];
  fylkeNr: string;
  fylkeName: string;
  lat: number;
  lon: number;
  samiArea: boolean;
  orgnr: string;
  commutingRegionCode: string;
  commutingRegionName: string;
  population: { 2020: number; 2021: number; 2022: number };
  /** As written in the kommune file; the crosswalk file is what the graph uses. */
  nr2024: string[];
}

export function parseKommuner(text: string): KommuneRow[] {
  const file = SEED_FILES.kommuner;
  const columns = [
    'kommunenummer', 'kommunenavn_norsk', 'kommunenavn_offisielt', 'gyldige_navn_geonorge', 'fylkesnummer', 'fylkesnavn',
    'lat', 'lon', 'samisk_forvaltningsomrade', 'organisasjonsnummer', 'ba_region_2020', 'befolkning_2020_01_01',
    'befolkning_2021_01_01', 'befolkning_2022_01_01', 'kommunenummer_2024',
  ];
  return readCsv(file, text, columns).map(({ row, line }) => {
    const region = /^(\d+)\s+(.+)$/.exec(required(file, line, row, 'ba_region_2020'));
    if (!region) throw new SeedFormatError(file, line, `ba_region_2020 "${row.ba_region_2020}" is not "<code> <name>"`);
    const sami = required(file, line, row, 'samisk_forvaltningsomrade');
    if (sami !== 'True' && sami !== 'False') throw new SeedFormatError(file, line, `samisk_forvaltningsomrade must be True or False`);
    return {
      nr: pattern(file, line, required(file, line, row, 'kommunenummer'), KOMMUNE_NR, 'kommunenummer'),
      name: required(file, line, row, 'kommunenavn_norsk'),
      officialName: required(file, line, row, 'kommunenavn_offisielt'),
      validNames: splitList(required(file, line, row, 'gyldige_navn_geonorge'), '|').map((entry) => entry.replace(/\s*\([^)]*\)$/, '')),
      fylkeNr: pattern(file, line, required(file, line, row, 'fylkesnummer'), FYLKE_NR, 'fylkesnummer'),
      fylkeName: required(file, line, row, 'fylkesnavn'),
      lat: decimal(file, line, optional(row.lat), 'lat'),
      lon: decimal(file, line, optional(row.lon), 'lon'),
      samiArea: sami === 'True',
      orgnr: pattern(file, line, required(file, line, row, 'organisasjonsnummer'), /^\d{9}$/, 'organisasjonsnummer'),
      // Codes are written "05" and "5" for the same region: keep at least two digits.
      commutingRegionCode: region[1]!.replace(/^0+(?=\d)/, '').padStart(2, '0'),
      commutingRegionName: region[2]!.trim(),
      population: {
        2020: integer(file, line, optional(row.befolkning_2020_01_01), 'befolkning_2020_01_01'),
        2021: integer(file, line, optional(row.befolkning_2021_01_01), 'befolkning_2021_01_01'),
        2022: integer(file, line, optional(row.befolkning_2022_01_01), 'befolkning_2022_01_01'),
      },
      nr2024: splitList(required(file, line, row, 'kommunenummer_2024'), ';'),
    };
  });
}

export interface CrosswalkRow {
  nr2023: string;
  name2023: string;
  nr2024: string;
  name2024: string;
}

export function parseCrosswalk(text: string): CrosswalkRow[] {
  const file = SEED_FILES.crosswalk2024;
  return readCsv(file, text, ['kommunenummer_2023', 'kommunenavn_2023', 'kommunenummer_2024', 'kommunenavn_2024']).map(({ row, line }) => ({
    nr2023: pattern(file, line, required(file, line, row, 'kommunenummer_2023'), KOMMUNE_NR, 'kommunenummer_2023'),
    name2023: required(file, line, row, 'kommunenavn_2023'),
    nr2024: pattern(file, line, required(file, line, row, 'kommunenummer_2024'), KOMMUNE_NR, 'kommunenummer_2024'),
    name2024: required(file, line, row, 'kommunenavn_2024'),
  }));
}

/** One entry of SSB Klass 131's change list: `oldCode` became (part of) `newCode` on `date`. */
export interface KommuneChange {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  date: string;
}

export function parseChanges(text: string): KommuneChange[] {
  const file = SEED_FILES.changes;
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new SeedFormatError(file, null, 'expected a JSON array of changes');
  return data.map((entry: Record<string, unknown>, index) => {
    const { oldCode, oldName, newCode, newName, changeOccurred } = entry;
    if (typeof oldCode !== 'string' || typeof newCode !== 'string' || typeof oldName !== 'string'
      || typeof newName !== 'string' || typeof changeOccurred !== 'string'
      || !KOMMUNE_NR.test(oldCode) || !KOMMUNE_NR.test(newCode) || !/^\d{4}-\d{2}-\d{2}$/.test(changeOccurred)) {
      throw new SeedFormatError(file, null, `change #${index + 1} lacks oldCode, oldName, newCode, newName or changeOccurred`);
    }
    return { oldCode, oldName, newCode, newName, date: changeOccurred };
  });
}

// ---------------------------------------------------------------------------------------------
// Indicators and their values

export interface IndicatorRow {
  key: string;
  name: string;
  kind: 'RANK' | 'VALUE';
  unit: string;
  /** Null where neither direction is better (population, counts). */
  higherIsBetter: boolean | null;
  publisher: string;
  sourceKeys: string[];
  description: string;
}

export function parseIndicators(text: string): IndicatorRow[] {
  const file = SEED_FILES.indicators;
  return readCsv(file, text, ['key', 'name', 'kind', 'unit', 'higherIsBetter', 'publisher', 'sources', 'description']).map(({ row, line }) => {
    const kind = required(file, line, row, 'kind');
    if (kind !== 'RANK' && kind !== 'VALUE') throw new SeedFormatError(file, line, `kind must be RANK or VALUE, got ${kind}`);
    const better = optional(row.higherIsBetter);
    if (better !== null && better !== 'true' && better !== 'false') throw new SeedFormatError(file, line, 'higherIsBetter must be true, false or empty');
    return {
      key: pattern(file, line, required(file, line, row, 'key'), /^[a-z0-9-]+(\/[a-z0-9-]+)+$/, 'key'),
      name: required(file, line, row, 'name'),
      kind,
      unit: required(file, line, row, 'unit'),
      higherIsBetter: better === null ? null : better === 'true',
      publisher: required(file, line, row, 'publisher'),
      sourceKeys: splitList(required(file, line, row, 'sources'), ';'),
      description: required(file, line, row, 'description'),
    };
  });
}

export interface IndicatorValueRow {
  indicator: string;
  kommuneNr: string;
  kommuneName: string;
  year: number;
  value: number;
  sourceKey: string;
  note: string | null;
}

/** Both value files share these columns. */
export function parseIndicatorValues(text: string, file: string = SEED_FILES.values): IndicatorValueRow[] {
  return readCsv(file, text, ['indicator', 'kommunenummer', 'kommunenavn', 'year', 'value', 'source', 'note']).map(({ row, line }) => ({
    indicator: required(file, line, row, 'indicator'),
    kommuneNr: pattern(file, line, required(file, line, row, 'kommunenummer'), KOMMUNE_NR, 'kommunenummer'),
    kommuneName: required(file, line, row, 'kommunenavn'),
    year: integer(file, line, optional(row.year), 'year'),
    value: decimal(file, line, optional(row.value), 'value'),
    sourceKey: required(file, line, row, 'source'),
    note: optional(row.note),
  }));
}

// ---------------------------------------------------------------------------------------------
// Published Kommune-NM ranks (the hand-extracted file and the kommune article's claims)

export interface RankingFactRow {
  file: string;
  line: number;
  edition: number;
  dataYear: number;
  level: 'kommune' | 'fylke';
  entityName: string;
  /** As published: a kommune number of any era, or a fylke number. */
  nr: string;
  /** The area as written ("Total", "Kompetanse", "Kommuneøkonomi"). */
  index: string;
  rank: number;
  /** "Norge", "Norge (fylker)" or the name of a fylke. */
  rankScope: string;
  /** Null for a rank derived here rather than published. */
  sourceUrl: string | null;
  note: string | null;
}

export function parseRankingFacts(text: string, file: string = SEED_FILES.kommuneNm): RankingFactRow[] {
  const columns = ['edition_year', 'data_year', 'scope', 'entity', 'kommunenummer_2020_2023', 'index', 'rank', 'rank_scope', 'source_url', 'note'];
  return readCsv(file, text, columns).map(({ row, line }) => {
    const level = required(file, line, row, 'scope');
    if (level !== 'kommune' && level !== 'fylke') throw new SeedFormatError(file, line, `scope must be kommune or fylke, got ${level}`);
    const rank = integer(file, line, optional(row.rank), 'rank');
    if (rank < 1) throw new SeedFormatError(file, line, 'rank must be 1 or more');
    return {
      file,
      line,
      edition: integer(file, line, optional(row.edition_year), 'edition_year'),
      dataYear: integer(file, line, optional(row.data_year), 'data_year'),
      level,
      entityName: required(file, line, row, 'entity'),
      nr: pattern(file, line, required(file, line, row, 'kommunenummer_2020_2023'), level === 'kommune' ? KOMMUNE_NR : FYLKE_NR, 'number'),
      index: required(file, line, row, 'index'),
      rank,
      rankScope: required(file, line, row, 'rank_scope'),
      sourceUrl: optional(row.source_url),
      note: optional(row.note),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Clusters and catapults

export interface ClusterFactRow {
  line: number;
  name: string;
  programmeLevel: string;
  statusYear: number | null;
  hostPlace: string | null;
  hostKommuneNr: string | null;
  sourceUrl: string;
  note: string | null;
}

export function parseClusterFacts(text: string): ClusterFactRow[] {
  const file = SEED_FILES.clusters;
  const columns = ['name', 'programme_level', 'status_year', 'host_place', 'host_kommunenummer_2020_2023', 'source_url', 'note'];
  return readCsv(file, text, columns).map(({ row, line }) => {
    const year = optional(row.status_year);
    const host = optional(row.host_kommunenummer_2020_2023);
    return {
      line,
      name: required(file, line, row, 'name'),
      programmeLevel: required(file, line, row, 'programme_level'),
      statusYear: year === null ? null : integer(file, line, year, 'status_year'),
      hostPlace: optional(row.host_place),
      hostKommuneNr: host === null ? null : pattern(file, line, host, KOMMUNE_NR, 'host_kommunenummer_2020_2023'),
      sourceUrl: required(file, line, row, 'source_url'),
      note: optional(row.note),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The curated Kongsberg ecosystem

type EcosystemValue = string | number | boolean | string[];

export interface EcosystemEntity {
  id: string;
  name: string;
  aliases: string[];
  sources: string[];
  /** Type-specific properties (kind, orgnr, startDate, description, note, …). */
  properties: Record<string, EcosystemValue>;
}

export interface EcosystemRelationship {
  type: string;
  from: string;
  to: string;
  date: string | null;
  inferred: boolean;
  note: string | null;
  sources: string[];
}

export interface EcosystemFile {
  entities: EcosystemEntity[];
  relationships: EcosystemRelationship[];
}

const ENTITY_PROPERTIES: Record<string, readonly string[]> = {
  Company: ['orgnr', 'note'],
  Cluster: ['kind', 'programmeLevel', 'statusYear', 'hostPlace', 'note'],
  School: ['kind', 'orgnr', 'nameEn', 'address', 'postalCode', 'postalPlace', 'note'],
  Event: ['startDate', 'endDate', 'note'],
  Initiative: ['description', 'note'],
};

function stringList(file: string, value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new SeedFormatError(file, null, `${what} must be a list of strings`);
  }
  return value as string[];
}

export function parseEcosystem(text: string): EcosystemFile {
  const file = SEED_FILES.ecosystem;
  const data = JSON.parse(text) as { entities?: unknown; relationships?: unknown };
  if (!Array.isArray(data.entities) || !Array.isArray(data.relationships)) {
    throw new SeedFormatError(file, null, 'expected { entities: [...], relationships: [...] }');
  }
  const entities = (data.entities as Record<string, unknown>[]).map((entry) => {
    const { id, name, aliases, sources, ...properties } = entry;
    const label = typeof id === 'string' ? id.slice(0, id.indexOf(':')) : '';
    const allowed = ENTITY_PROPERTIES[label];
    if (typeof id !== 'string' || !allowed || typeof name !== 'string' || name.trim() === '') {
      throw new SeedFormatError(file, null, `entity ${JSON.stringify(id)} needs an id of type ${Object.keys(ENTITY_PROPERTIES).join('/')} and a name`);
    }
    const extra = Object.keys(properties).filter((key) => !allowed.includes(key));
    if (extra.length > 0) throw new SeedFormatError(file, null, `${id}: unknown properties ${extra.join(', ')}`);
    const sourceKeys = stringList(file, sources, `${id}.sources`);
    if (sourceKeys.length === 0) throw new SeedFormatError(file, null, `${id} has no sources`);
    return {
      id,
      name,
      aliases: aliases === undefined ? [] : stringList(file, aliases, `${id}.aliases`),
      sources: sourceKeys,
      properties: properties as Record<string, EcosystemValue>,
    };
  });
  const relationships = (data.relationships as Record<string, unknown>[]).map((entry, index) => {
    const { type, from, to, date, inferred, note, sources } = entry;
    if (typeof type !== 'string' || typeof from !== 'string' || typeof to !== 'string') {
      throw new SeedFormatError(file, null, `relationship #${index + 1} needs type, from and to`);
    }
    const where = `${from} -${type}-> ${to}`;
    if (date !== undefined && typeof date !== 'string') throw new SeedFormatError(file, null, `${where}: date must be a string`);
    if (inferred !== undefined && typeof inferred !== 'boolean') throw new SeedFormatError(file, null, `${where}: inferred must be true or false`);
    if (note !== undefined && typeof note !== 'string') throw new SeedFormatError(file, null, `${where}: note must be a string`);
    const sourceKeys = stringList(file, sources, `${where} sources`);
    if (sourceKeys.length === 0) throw new SeedFormatError(file, null, `${where} has no sources`);
    if (inferred === true && !note) throw new SeedFormatError(file, null, `${where} is inferred and needs a note saying why`);
    return { type, from, to, date: date ?? null, inferred: inferred === true, note: note ?? null, sources: sourceKeys };
  });
  return { entities, relationships };
}

// ---------------------------------------------------------------------------------------------
// Inter-municipal collaborations (Bufdir)

export interface CollaborationRow {
  line: number;
  memberNames: string[];
  memberNrs: string[];
  fylke: string;
}

export function parseCollaborations(text: string): CollaborationRow[] {
  const file = SEED_FILES.bufdir;
  return readCsv(file, text, ['kommunenavn', 'kommunenummer', 'fylke'], ';').map(({ row, line }) => {
    const memberNames = splitList(required(file, line, row, 'kommunenavn'));
    const memberNrs = splitList(required(file, line, row, 'kommunenummer')).map((nr) => pattern(file, line, nr, KOMMUNE_NR, 'kommunenummer'));
    if (memberNames.length !== memberNrs.length) {
      throw new SeedFormatError(file, line, `${memberNames.length} names but ${memberNrs.length} numbers`);
    }
    return { line, memberNames, memberNrs, fylke: required(file, line, row, 'fylke') };
  });
}

// ---------------------------------------------------------------------------------------------
// Universities and colleges (Difi Etatsbasen 2014) and postal codes

export interface HigherEdRow {
  line: number;
  etatsbasenId: string;
  name: string;
  nameEn: string | null;
  type: 'universitet' | 'høgskole';
  orgnr: string | null;
  address: string | null;
  postalCode: string | null;
  postalPlace: string | null;
}

function parseHigherEd(text: string): HigherEdRow[] {
  const file = SEED_FILES.higherEd;
  const columns = ['etatsbasen_id', 'navn_nb', 'navn_en', 'type', 'organisasjonsnummer', 'besoksadresse', 'postnummer', 'poststed'];
  return readCsv(file, text, columns).map(({ row, line }) => {
    const type = required(file, line, row, 'type');
    if (type !== 'universitet' && type !== 'høgskole') throw new SeedFormatError(file, line, `type must be universitet or høgskole, got ${type}`);
    const orgnr = optional(row.organisasjonsnummer);
    const postalCode = optional(row.postnummer);
    return {
      line,
      etatsbasenId: required(file, line, row, 'etatsbasen_id'),
      name: required(file, line, row, 'navn_nb'),
      nameEn: optional(row.navn_en),
      type,
      orgnr: orgnr === null ? null : pattern(file, line, orgnr, /^\d{9}$/, 'organisasjonsnummer'),
      address: optional(row.besoksadresse),
      postalCode: postalCode === null ? null : pattern(file, line, postalCode, /^\d{4}$/, 'postnummer'),
      postalPlace: optional(row.poststed),
    };
  });
}

export interface PostalCodeRow {
  postalCode: string;
  postalPlace: string;
  kommuneNr2024: string;
  kommuneName2024: string;
}

function parsePostalCodes(text: string): PostalCodeRow[] {
  const file = SEED_FILES.postalCodes;
  return readCsv(file, text, ['postnummer', 'poststed', 'kommunenummer_2024', 'kommunenavn_2024']).map(({ row, line }) => ({
    postalCode: pattern(file, line, required(file, line, row, 'postnummer'), /^\d{4}$/, 'postnummer'),
    postalPlace: required(file, line, row, 'poststed'),
    kommuneNr2024: pattern(file, line, required(file, line, row, 'kommunenummer_2024'), KOMMUNE_NR, 'kommunenummer_2024'),
    kommuneName2024: required(file, line, row, 'kommunenavn_2024'),
  }));
}

// ---------------------------------------------------------------------------------------------
// Commuting (SSB 03321, 4th quarter) and neighbouring kommuner (Artsdatabanken)

/** Where a fact was read, for errors found after parsing (an unknown kommune). */
export interface SeedLine {
  file: string;
  line: number | null;
}

/** `employed` people who live in `homeNr` and work in `workNr`; the same number for people working at home. */
export interface CommutingFlowRow extends SeedLine {
  homeNr: string;
  workNr: string;
  year: number;
  employed: number;
}

export function parseCommutingFlows(text: string, file: string, year: number): CommutingFlowRow[] {
  const seen = new Set<string>();
  return readCsv(file, text, ['work_kommune', 'home_kommune', 'year', 'employed']).map(({ row, line }) => {
    const flow = {
      file,
      line,
      homeNr: pattern(file, line, required(file, line, row, 'home_kommune'), KOMMUNE_NR, 'home_kommune'),
      workNr: pattern(file, line, required(file, line, row, 'work_kommune'), KOMMUNE_NR, 'work_kommune'),
      year: integer(file, line, optional(row.year), 'year'),
      employed: integer(file, line, optional(row.employed), 'employed'),
    };
    if (flow.year !== year) throw new SeedFormatError(file, line, `year must be ${year} in this file, got ${flow.year}`);
    if (flow.employed < 0) throw new SeedFormatError(file, line, 'employed must not be negative');
    const pair = `${flow.homeNr}>${flow.workNr}`;
    if (seen.has(pair)) throw new SeedFormatError(file, line, `a second row for home ${flow.homeNr} and work ${flow.workNr}`);
    seen.add(pair);
    return flow;
  });
}

/** SSB's names of the three kommune totals (ages 15–74): residents, employed residents, jobs. */
export const COMMUTING_TOTALS = ['BefolkningBosted', 'SysselBosted', 'SysselArbsted'] as const;
export type CommutingTotal = (typeof COMMUTING_TOTALS)[number];

export interface CommutingTotalRow extends SeedLine {
  kommuneNr: string;
  measure: CommutingTotal;
  year: number;
  value: number;
}

export function parseCommutingTotals(text: string, file: string, year: number): CommutingTotalRow[] {
  const seen = new Set<string>();
  return readCsv(file, text, ['Region', 'Kjonn', 'Alder', 'ContentsCode', 'Tid', 'value']).map(({ row, line }) => {
    const measure = required(file, line, row, 'ContentsCode');
    if (!(COMMUTING_TOTALS as readonly string[]).includes(measure)) {
      throw new SeedFormatError(file, line, `ContentsCode must be one of ${COMMUTING_TOTALS.join(', ')}, got ${measure}`);
    }
    // Both sexes (0) and ages 15–74 are what the indicator descriptions say; another breakdown would be summed in silently.
    if (row.Kjonn !== '0' || row.Alder !== '15-74') throw new SeedFormatError(file, line, `expected Kjonn 0 and Alder 15-74, got ${row.Kjonn} and ${row.Alder}`);
    const total = {
      file,
      line,
      kommuneNr: pattern(file, line, required(file, line, row, 'Region'), KOMMUNE_NR, 'Region'),
      measure: measure as CommutingTotal,
      year: integer(file, line, optional(row.Tid), 'Tid'),
      value: integer(file, line, optional(row.value), 'value'),
    };
    if (total.year !== year) throw new SeedFormatError(file, line, `Tid must be ${year} in this file, got ${total.year}`);
    const key = `${total.kommuneNr}/${measure}`;
    if (seen.has(key)) throw new SeedFormatError(file, line, `a second ${measure} for ${total.kommuneNr}`);
    seen.add(key);
    return total;
  });
}

export interface NeighbourRow extends SeedLine {
  kommuneNr: string;
  name: string;
  neighbourNrs: string[];
}

/** Artsdatabanken's kommune list: `autorkode` is the number, `geografi.nabo` the neighbours as codes ending in the number (`AO-TO-FL-30-24` = 3024). */
export function parseNeighbours(text: string): NeighbourRow[] {
  const file = SEED_FILES.neighbours;
  const data = JSON.parse(text) as { items?: unknown };
  if (!Array.isArray(data.items)) throw new SeedFormatError(file, null, 'expected { items: [...] }');
  return (data.items as Record<string, unknown>[]).map((item, index) => {
    const where = `item #${index + 1}`;
    const nr = item.autorkode;
    const geography = item.geografi as { nabo?: unknown } | undefined;
    if (typeof nr !== 'string' || !KOMMUNE_NR.test(nr)) throw new SeedFormatError(file, null, `${where}: autorkode must be a kommune number`);
    const codes = stringList(file, geography?.nabo ?? [], `${where} (${nr}) geografi.nabo`);
    const neighbourNrs = codes.map((code) => {
      const match = /^AO-TO-FL-(\d{2})-(\d{2})$/.exec(code);
      if (!match) throw new SeedFormatError(file, null, `${where} (${nr}): neighbour code ${code} is not AO-TO-FL-<fylke>-<kommune>`);
      return `${match[1]}${match[2]}`;
    });
    const title = (item.tittel as { nob?: unknown } | undefined)?.nob;
    return { file, line: null, kommuneNr: nr, name: typeof title === 'string' ? title : nr, neighbourNrs };
  });
}

// ---------------------------------------------------------------------------------------------
// Horizon 2020 participations (Research Council of Norway)

/** The Research Council's R&D sectors (`FoU sektor`) as the file writes them. */
export const H2020_SECTORS = ['Næringsliv', 'UoH-sektor', 'Instituttsektor', 'Helseforetak', 'Norges forskningsråd', 'Øvrige', 'ukjent'] as const;
export type H2020Sector = (typeof H2020_SECTORS)[number];

export interface H2020Row {
  line: number;
  projectNr: string;
  acronym: string;
  title: string;
  programme: string | null;
  programmeCode: string | null;
  topic: string | null;
  topicCode: string | null;
  actionType: string | null;
  contractStatus: string | null;
  /** ISO dates; null where the file leaves them empty. */
  startDate: string | null;
  endDate: string | null;
  /** Null for the rows whose organisation the file names "ukjent". */
  orgnr: string | null;
  orgName: string;
  orgShortName: string | null;
  role: 'COORDINATOR' | 'PARTICIPANT';
  participantNr: string;
  sector: H2020Sector;
  category: string;
  /** As written, leading zeros dropped (`301`); null when empty. */
  kommuneNr: string | null;
  kommuneName: string | null;
  grantedEur: number;
}

/** `25.05.2020 00:00` → `2020-05-25`. */
function norwegianDate(file: string, line: number, value: string | null, what: string): string | null {
  if (value === null) return null;
  const match = /^(\d{2})\.(\d{2})\.(\d{4})(?: \d{2}:\d{2})?$/.exec(value);
  if (!match) throw new SeedFormatError(file, line, `${what} "${value}" is not dd.mm.yyyy`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}

/**
 * The register's export lost one letter to ASCII's substitute character (U+001A: "Sk\u001Aodowska"
 * for the programme's name, Skłodowska) and separates a few titles with tabs; both would break the
 * stored-text rule (no control characters in names), so they are restored here, and only these.
 */
function h2020Text(value: string): string;
function h2020Text(value: string | null): string | null;
function h2020Text(value: string | null): string | null {
  return value === null ? null : value.replaceAll('Sk\u001Aodowska', 'Skłodowska').replace(/\t/g, ' ').replace(/ {2,}/g, ' ');
}

export function parseH2020(text: string): H2020Row[] {
  const file = SEED_FILES.h2020;
  const columns = [
    'Prosjektnr', 'Prosjektkortnavn', 'Prosjektnavn', 'Program (H2020)', 'Program kode (H2020)', 'Programområde (H2020)', 'Topic kode', 'Topic',
    'Søknadstype', 'Kontraktstatus', 'Kontrakt startdato', 'Kontrakt sluttdato', 'Organisasjonsnummer', 'Organisasjonsnavn', 'Kortnavn',
    'Organisasjon rolle', 'Deltakernr', 'FoU sektor', 'FoU kategori', 'Adresse kommunenummer', 'Adresse kommune', 'Innvilget beløp organisasjon EUR',
  ];
  return readCsv(file, text, columns, ';').map(({ row, line }) => {
    const role = required(file, line, row, 'Organisasjon rolle');
    if (role !== 'COORDINATOR' && role !== 'PARTICIPANT') throw new SeedFormatError(file, line, `Organisasjon rolle must be COORDINATOR or PARTICIPANT, got ${role}`);
    const sector = required(file, line, row, 'FoU sektor');
    if (!(H2020_SECTORS as readonly string[]).includes(sector)) throw new SeedFormatError(file, line, `unknown FoU sektor "${sector}"`);
    const orgnr = optional(row.Organisasjonsnummer);
    const kommuneNr = optional(row['Adresse kommunenummer']);
    const shortName = optional(row.Kortnavn);
    return {
      line,
      projectNr: pattern(file, line, required(file, line, row, 'Prosjektnr'), /^\d+$/, 'Prosjektnr'),
      acronym: required(file, line, row, 'Prosjektkortnavn'),
      title: h2020Text(required(file, line, row, 'Prosjektnavn')),
      programme: optional(row['Program (H2020)']) ?? optional(row['Programområde (H2020)']),
      programmeCode: optional(row['Program kode (H2020)']),
      topic: h2020Text(optional(row.Topic)),
      topicCode: optional(row['Topic kode']),
      actionType: optional(row['Søknadstype']),
      contractStatus: optional(row.Kontraktstatus),
      startDate: norwegianDate(file, line, optional(row['Kontrakt startdato']), 'Kontrakt startdato'),
      endDate: norwegianDate(file, line, optional(row['Kontrakt sluttdato']), 'Kontrakt sluttdato'),
      orgnr: orgnr === null ? null : pattern(file, line, orgnr, /^\d{9}$/, 'Organisasjonsnummer'),
      orgName: required(file, line, row, 'Organisasjonsnavn'),
      orgShortName: shortName === 'ukjent' ? null : shortName,
      role,
      participantNr: required(file, line, row, 'Deltakernr'),
      sector: sector as H2020Sector,
      category: required(file, line, row, 'FoU kategori'),
      kommuneNr: kommuneNr === null ? null : pattern(file, line, kommuneNr, /^\d{1,4}$/, 'Adresse kommunenummer'),
      kommuneName: optional(row['Adresse kommune']),
      grantedEur: decimal(file, line, optional(row['Innvilget beløp organisasjon EUR']), 'Innvilget beløp organisasjon EUR'),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Inter-municipal child welfare cooperation, register extract of 2021

export interface Barnevern2021Row {
  line: number;
  /** As written: 4 digits or fewer (leading zeros dropped), or a 6-digit city district. */
  kommuneNr: string;
  /** Null for `#Ingen sammarbeid`. */
  partnerNames: string[] | null;
  partnerNrs: string[] | null;
}

export function parseBarnevern2021(text: string): Barnevern2021Row[] {
  const file = SEED_FILES.barnevern2021;
  return readCsv(file, text, ['Kommunenummer', 'Samarbeidskommuner', 'Samarbeidskommunenr'], ';').map(({ row, line }) => {
    const kommuneNr = pattern(file, line, required(file, line, row, 'Kommunenummer'), /^\d{1,6}$/, 'Kommunenummer');
    const names = required(file, line, row, 'Samarbeidskommuner');
    if (names === '#Ingen sammarbeid') return { line, kommuneNr, partnerNames: null, partnerNrs: null };
    const partnerNrs = splitList(required(file, line, row, 'Samarbeidskommunenr')).map((nr) => pattern(file, line, nr, /^\d{1,6}$/, 'Samarbeidskommunenr'));
    return { line, kommuneNr, partnerNames: splitList(names), partnerNrs };
  });
}

// ---------------------------------------------------------------------------------------------

/** Every seed file parsed. */
export interface SeedFiles {
  sources: SourceRow[];
  kommuner: KommuneRow[];
  crosswalk2024: CrosswalkRow[];
  changes: KommuneChange[];
  indicators: IndicatorRow[];
  values: IndicatorValueRow[];
  rankingFacts: RankingFactRow[];
  clusters: ClusterFactRow[];
  ecosystem: EcosystemFile;
  collaborations: CollaborationRow[];
  higherEd: HigherEdRow[];
  postalCodes: PostalCodeRow[];
  commuting: { flows: CommutingFlowRow[]; totals: CommutingTotalRow[] };
  neighbours: NeighbourRow[];
  h2020: H2020Row[];
  barnevern2021: Barnevern2021Row[];
}

export function parseSeedFiles(texts: SeedTexts): SeedFiles {
  return {
    sources: parseSources(texts.sources),
    kommuner: parseKommuner(texts.kommuner),
    crosswalk2024: parseCrosswalk(texts.crosswalk2024),
    changes: parseChanges(texts.changes),
    indicators: parseIndicators(texts.indicators),
    values: [
      ...parseIndicatorValues(texts.values, SEED_FILES.values),
      ...parseIndicatorValues(texts.wageEarners, SEED_FILES.wageEarners),
    ],
    rankingFacts: [
      ...parseRankingFacts(texts.kommuneNm, SEED_FILES.kommuneNm),
      ...parseRankingFacts(texts.kommuneNmArticle, SEED_FILES.kommuneNmArticle),
    ],
    clusters: parseClusterFacts(texts.clusters),
    ecosystem: parseEcosystem(texts.ecosystem),
    collaborations: parseCollaborations(texts.bufdir),
    higherEd: parseHigherEd(texts.higherEd),
    postalCodes: parsePostalCodes(texts.postalCodes),
    commuting: {
      flows: COMMUTING_YEARS.flatMap((year) => parseCommutingFlows(texts[`commuting${year}`], SEED_FILES[`commuting${year}`], year)),
      totals: COMMUTING_YEARS.flatMap((year) => parseCommutingTotals(texts[`commutingTotals${year}`], SEED_FILES[`commutingTotals${year}`], year)),
    },
    neighbours: parseNeighbours(texts.neighbours),
    h2020: parseH2020(texts.h2020),
    barnevern2021: parseBarnevern2021(texts.barnevern2021),
  };
}
