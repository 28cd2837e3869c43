import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { CrosswalkRow, KommuneRow } from '../seed/files.js';
import { companyName } from '../synthetic/names.js';
import { pick, randomInt, randomStream, WeightedSampler } from '../synthetic/random.js';

/**
 * A seeded generator of files in the shape of Enhetsregisteret's CSV download, for the import
 * benchmark: the same seed always gives the same bytes. Units sit in kommuner in proportion to
 * their population and carry 2024 kommune numbers and names, as the register does today, so
 * the benchmark exercises the crosswalk. About 2 % have no Norwegian business address.
 * Every name is made up.
 */

export const REGISTER_HEADER = [
  'organisasjonsnummer', 'navn', 'organisasjonsform.kode', 'organisasjonsform.beskrivelse', 'naeringskode1.kode',
  'naeringskode1.beskrivelse', 'antallAnsatte', 'forretningsadresse.adresse', 'forretningsadresse.poststed',
  'forretningsadresse.postnummer', 'forretningsadresse.kommune', 'forretningsadresse.kommunenummer',
  'forretningsadresse.land', 'forretningsadresse.landkode',
] as const;

const FORMS: readonly (readonly [string, string, number])[] = [
  ['AS', 'Aksjeselskap', 62], ['ENK', 'Enkeltpersonforetak', 25], ['ANS', 'Ansvarlig selskap', 4], ['DA', 'Selskap med delt ansvar', 2],
  ['SA', 'Samvirkeforetak', 2], ['ASA', 'Allmennaksjeselskap', 1], ['NUF', 'Norskregistrert utenlandsk foretak', 4],
];
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['62.010', 'Programmeringstjenester'], ['71.129', 'Annen teknisk konsulentvirksomhet'], ['41.200', 'Oppføring av bygninger'],
  ['47.190', 'Butikkhandel med bredt vareutvalg'], ['03.211', 'Produksjon av laks og regnbueørret i hav- og kystbasert akvakultur'],
  ['25.620', 'Bearbeiding av metaller'], ['30.110', 'Bygging av skip og flytende materiell'], ['68.209', 'Utleie av egen eller leid fast eiendom ellers'],
  ['86.211', 'Allmenn legetjeneste'], ['70.220', 'Bedriftsrådgivning og annen administrativ rådgivning'], ['00.000', 'Uoppgitt'],
];
const STREETS = ['Storgata', 'Kirkegata', 'Industriveien', 'Havnegata', 'Strandveien', 'Parkveien', 'Skolegata', 'Fjordveien'];

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The organisasjonsnummer of an eight-digit base with its mod-11 check digit, or null where none exists. */
export function withCheckDigit(base: number): string | null {
  const digits = String(base).padStart(8, '0');
  const sum = ORGNR_WEIGHTS.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return `${digits}${check === 11 ? 0 : check}`;
}

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

interface RegisterFileSummary {
  rows: number;
  bytes: number;
  withoutAddress: number;
}

/** Writes `rows` units to `file`; kommuner and the 2023→2024 crosswalk come from the seeds. */
export async function writeSyntheticRegister(
  file: string,
  options: { rows: number; seed: string; kommuner: readonly KommuneRow[]; crosswalk: readonly CrosswalkRow[] },
): Promise<RegisterFileSummary> {
  const random = randomStream(options.seed, 'register');
  const successors = new Map<string, CrosswalkRow[]>();
  for (const row of options.crosswalk) successors.set(row.nr2023, [...(successors.get(row.nr2023) ?? []), row]);
  const sampler = new WeightedSampler(options.kommuner.map((kommune) => kommune.population[2022]));
  const formSampler = new WeightedSampler(FORMS.map(([, , weight]) => weight));

  const out = createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  let withoutAddress = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${REGISTER_HEADER.map(csvCell).join(',')}\n`);

  let base = 81_000_000;
  let chunk: string[] = [];
  for (let i = 0; i < options.rows; i += 1) {
    let orgnr = withCheckDigit(base++);
    while (orgnr === null) orgnr = withCheckDigit(base++);
    const kommune = options.kommuner[sampler.next(random)]!;
    const successor = pick(random, successors.get(kommune.nr) ?? [{ nr2023: kommune.nr, name2023: kommune.name, nr2024: kommune.nr, name2024: kommune.name }]);
    const [form, formName] = FORMS[formSampler.next(random)]!;
    const [industry, industryName] = pick(random, INDUSTRIES);
    const employees = form === 'ENK' ? '' : String(Math.floor(Math.exp(random() * 6)) - 1);
    const name = `${companyName(random, kommune.name).replace(/ (AS|ASA|SA|ANS|DA)$/, '')} ${form === 'ENK' ? '' : form}`.trim().toUpperCase();
    const abroad = random() < 0.02;
    if (abroad) withoutAddress += 1;
    const address = abroad
      ? ['Storgatan 1', 'STOCKHOLM', '', '', '', 'Sverige', 'SE']
      : [`${pick(random, STREETS)} ${randomInt(random, 1, 120)}`, successor.name2024.toUpperCase(), String(randomInt(random, 1000, 9999)),
        successor.name2024.toUpperCase(), successor.nr2024, 'Norge', 'NO'];
    chunk.push([orgnr, name, form, formName, industry, industryName, employees, ...address].map(csvCell).join(','));
    if (chunk.length === 10_000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return { rows: options.rows, bytes, withoutAddress };
}
