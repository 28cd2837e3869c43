import path from 'node:path';
import { isValidOrgnr } from '../../graph/validation.js';
import { writeNodes, writeRelationships, writeSources } from '../../graph/index.js';
import { buildSearchText, slugify } from '../../graph/index.js';
import { cites, hasChanges, type Outcome, outcomeOf, propertyChanges } from '../diff.js';
import { wholeNumber } from '../fields.js';
import type { Checked, ImportPass, InputRow } from '../pipeline.js';
import { delimiterName, field } from '../read/csv.js';
import { openTextFile } from '../read/decode.js';
import { readJsonArray } from '../read/jsonArray.js';
import { compareCompanies, createCompanies, deleteLocations, findSourceIdsByPublisher, type IncomingCompany, type NewCompany } from '../repository.js';
import { fileSource } from '../sources.js';
import type { Refusal } from '../summary.js';
import { type FormatContext, type FormatRun, openCsvInput } from './input.js';

const REGISTER_PUBLISHER = 'Brønnøysundregistrene';
const BULK_URLS = {
  csv: 'https://data.brreg.no/enhetsregisteret/api/enheter/lastned/csv',
  json: 'https://data.brreg.no/enhetsregisteret/api/enheter/lastned',
};

export interface BrregOptions {
  /** Only units of these organisasjonsformer (AS, ASA, ENK, …); all when empty. */
  orgForms: string[];
}

/** One unit of the register, the same whether read from the CSV or the JSON download. */
interface RegisterRow {
  orgnr: string | null;
  name: string | null;
  orgForm: string | null;
  kommuneNr: string | null;
  kommuneName: string | null;
  countryCode: string | null;
  industryCode: string | null;
  employees: string | null;
}

/** A register row as the graph will hold it: what `compareCompanies` takes. */
type CompanyUnit = IncomingCompany;

/** The CSV download's dotted headers, and the plain names the issue tables use. */
const COLUMNS = {
  orgnr: { names: ['organisasjonsnummer', 'orgnr'], required: true },
  name: { names: ['navn'], required: true },
  orgForm: { names: ['organisasjonsform.kode', 'organisasjonsform'], required: false },
  kommuneNr: { names: ['forretningsadresse.kommunenummer', 'kommunenummer'], required: true },
  kommuneName: { names: ['forretningsadresse.kommune'], required: false },
  countryCode: { names: ['forretningsadresse.landkode'], required: false },
  industryCode: { names: ['naeringskode1.kode', 'naeringskode1', 'næringskode1.kode'], required: false },
  employees: { names: ['antallansatte'], required: false },
} as const;

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A unit of the JSON download (nested objects) in the CSV's shape. */
function registerRowFromJson(value: unknown): RegisterRow {
  const unit = object(value);
  const address = object(unit.forretningsadresse);
  return {
    orgnr: text(unit.organisasjonsnummer),
    name: text(unit.navn),
    orgForm: text(object(unit.organisasjonsform).kode) ?? text(unit.organisasjonsform),
    kommuneNr: text(address.kommunenummer),
    kommuneName: text(address.kommune),
    countryCode: text(address.landkode),
    industryCode: text(object(unit.naeringskode1).kode) ?? text(unit.naeringskode1),
    employees: text(unit.antallAnsatte),
  };
}

const NO_ADDRESS = 'units without a business address in a Norwegian kommune';

/** `buildSearchText([name])`, which is the name itself when it is plain ASCII: most register names, so the folding is skipped for them. */
function searchTextOf(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : buildSearchText([name]);
}

/**
 * `brreg`: Enhetsregisteret's open bulk data (CSV or JSON, plain or gzipped) as `Company` nodes
 * keyed `Company:<orgnr>`, `LOCATED_IN` the kommune of the business address. The register is
 * the authority on a unit's address, form, industry and size; a curated company name (one that
 * other sources gave) is kept, and the register's name becomes an alias.
 */
export function brregFormat(context: FormatContext, options: BrregOptions): FormatRun<RegisterRow, CompanyUnit> {
  const orgForms = new Set(options.orgForms.map((form) => form.toUpperCase()));
  let ownSource: ReturnType<typeof fileSource> | null = null;
  let registerSources = new Set<string>();
  let readAs = { encoding: null as string | null, delimiter: null as string | null };

  const check = (row: RegisterRow): Checked<CompanyUnit> => {
    const orgnr = row.orgnr?.replace(/\s/g, '') ?? '';
    if (!isValidOrgnr(orgnr)) return { refused: `organisasjonsnummer "${(row.orgnr ?? '').slice(0, 20)}" is not nine digits with a valid mod-11 check digit` };
    if (row.name === null) return { refused: 'navn is empty' };
    if (orgForms.size > 0 && !orgForms.has((row.orgForm ?? '').toUpperCase())) return { skipped: `units of other organisasjonsformer than ${[...orgForms].join(', ')}` };
    if (row.kommuneNr === null || (row.countryCode !== null && row.countryCode.toUpperCase() !== 'NO')) return { skipped: NO_ADDRESS };
    const lookup = context.directory.resolve(row.kommuneNr, row.kommuneName, { acceptPartOfSplit: true });
    if (!lookup.ok) return { refused: lookup.reason };
    let employees: number | null = null;
    if (row.employees !== null) {
      const parsed = wholeNumber(row.employees, 'antallAnsatte', 0, 10_000_000);
      if ('refused' in parsed) return parsed;
      employees = parsed.value;
    }
    return {
      key: orgnr,
      unit: {
        id: `Company:${orgnr}`,
        orgnr,
        name: row.name,
        orgForm: row.orgForm,
        // 00.000 is the register's "not stated", not an industry.
        industryCode: row.industryCode === '00.000' ? null : row.industryCode,
        employees,
        kommuneId: `Kommune:${lookup.match.kommune.nr}`,
        publishedNr: lookup.match.publishedNr,
        locationNote: lookup.match.partOfSplit ? lookup.match.mappingNote : null,
      },
    };
  };

  const plan: ImportPass<RegisterRow, CompanyUnit>['plan'] = async (tx, units) => {
    const source = ownSource!;
    const comparison = await compareCompanies(tx, units, source.id);
    const missing = new Set(comparison.missing);
    const nodes: Parameters<typeof writeNodes>[1][number][] = [];
    const links: Parameters<typeof writeRelationships>[1][number][] = [];
    const moved: { from: string; to: string }[] = [];
    const fresh: NewCompany[] = [];
    const outcomes: Outcome[] = units.map((unit, position) => {
      if (missing.has(position)) {
        fresh.push({
          id: unit.id, name: unit.name, searchText: searchTextOf(unit.name), orgnr: unit.orgnr, orgForm: unit.orgForm,
          industryCode: unit.industryCode, employees: unit.employees, publishedNr: unit.publishedNr, note: unit.locationNote, kommuneId: unit.kommuneId,
        });
        return 'created';
      }
      const node = comparison.stored.get(position);
      if (node === undefined) return 'unchanged';
      const before = node.props;
      // A node only the register ever described may take the register's new name; a curated one keeps its own.
      const registerOwned = before === null || ((before.sourceIds as string[] | undefined) ?? []).every((id) => registerSources.has(id));
      const storedName = typeof before?.name === 'string' ? before.name : null;
      const incoming: Record<string, string | number | string[] | null> = {
        orgnr: unit.orgnr, orgForm: unit.orgForm, industryCode: unit.industryCode, employees: unit.employees,
      };
      if (storedName === null) incoming.name = unit.name;
      else if (storedName !== unit.name && slugify(storedName) !== slugify(unit.name)) {
        if (registerOwned) {
          incoming.name = unit.name;
          incoming.aliases = [storedName];
        } else {
          incoming.aliases = [unit.name];
        }
      }
      const changes = propertyChanges(before, incoming);
      const nodeChanged = before === null || hasChanges(changes) || !cites(before.sourceIds, source.id);
      if (nodeChanged) {
        const merged = { ...(before ?? {}), ...changes };
        const aliases = Array.isArray(merged.aliases) ? (merged.aliases as string[]) : [];
        nodes.push({
          label: 'Company', id: unit.id, key: unit.orgnr, props: changes, sourceIds: [source.id],
          searchText: buildSearchText([merged.name as string, ...aliases]),
        });
      }

      const located = node?.links ?? [];
      const here = located.find((link) => link.to === unit.kommuneId);
      const linkProps = { publishedNr: unit.publishedNr, note: unit.locationNote };
      const linkChanges = propertyChanges(here?.props ?? null, linkProps);
      const linkChanged = !here || hasChanges(linkChanges) || !cites(here.props.sourceIds, source.id);
      if (linkChanged) links.push({ type: 'LOCATED_IN', from: unit.id, to: unit.kommuneId, props: linkChanges, sourceIds: [source.id] });
      let movedAway = false;
      for (const link of located) {
        const onlyRegister = ((link.props.sourceIds as string[] | undefined) ?? []).every((id) => registerSources.has(id));
        if (link.to === unit.kommuneId || !onlyRegister) continue;
        moved.push({ from: unit.id, to: link.to });
        movedAway = true;
      }
      return outcomeOf(before !== null, nodeChanged || linkChanged || movedAway);
    });
    return {
      outcomes,
      async write(writer) {
        if (fresh.length > 0) {
          const created = await createCompanies(writer, fresh, source.id);
          if (created !== fresh.length) throw new Error(`only ${created} of ${fresh.length} new companies found their kommune`);
        }
        if (nodes.length > 0) await writeNodes(writer, nodes);
        if (links.length > 0) {
          const written = await writeRelationships(writer, links);
          if (written !== links.length) throw new Error(`only ${written} of ${links.length} LOCATED_IN found their kommune`);
        }
        await deleteLocations(writer, moved);
      },
    };
  };

  return {
    readAs: () => readAs,
    citedSourceIds: () => (ownSource ? [ownSource.id] : []),
    async open() {
      const probe = await openTextFile(context.file, context.encoding);
      const json = probe.firstCharacter === '[';
      let rows: AsyncIterable<(InputRow<RegisterRow> | Refusal)[]>;
      let progress: ImportPass<RegisterRow, CompanyUnit>['progress'];
      if (json) {
        readAs = { encoding: probe.encoding, delimiter: null };
        progress = probe.progress;
        rows = (async function* () {
          for await (const elements of readJsonArray(probe)) {
            yield elements.map((element) => ({ line: element.line, index: element.index, data: registerRowFromJson(element.value) }));
          }
        })();
      } else {
        const input = await openCsvInput(context, COLUMNS, probe);
        readAs = { encoding: input.file.encoding, delimiter: delimiterName(input.table.delimiter) };
        progress = input.file.progress;
        const c = input.columns;
        rows = (async function* () {
          for await (const chunk of input.rows) {
            yield chunk.map((row) => {
              if ('reason' in row) return row;
              const r = row.data;
              return {
                line: row.line,
                index: null,
                data: {
                  orgnr: field(r, c.orgnr), name: field(r, c.name), orgForm: field(r, c.orgForm), kommuneNr: field(r, c.kommuneNr),
                  kommuneName: field(r, c.kommuneName), countryCode: field(r, c.countryCode), industryCode: field(r, c.industryCode),
                  employees: field(r, c.employees),
                },
              };
            });
          }
        })();
      }
      ownSource = fileSource({
        title: `Enhetsregisteret (${REGISTER_PUBLISHER}), ${path.basename(context.file)}`,
        url: json ? BULK_URLS.json : BULK_URLS.csv,
        publisher: REGISTER_PUBLISHER,
        note: null,
        licence: 'NLOD',
      }, context.source);
      const source = ownSource;
      return {
        rows,
        progress,
        check,
        plan,
        async begin(tx, dryRun) {
          registerSources = new Set([...(await findSourceIdsByPublisher(tx, source.publisher)), source.id]);
          if (!dryRun) await writeSources(tx, [source]);
        },
      };
    },
  };
}
