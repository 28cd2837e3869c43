import { pick, randomInt, type Random } from './random.js';

/**
 * Word lists for names that read like Norwegian organisations, so full-text search has
 * realistic words to index (place names, industry words, "AS"). Any resemblance to a real
 * organisation is a coincidence; every node made from them is marked synthetic.
 */
const COMPANY_PREFIXES = [
  'Nordic', 'Fjord', 'Vest', 'Nord', 'Øst', 'Sør', 'Polar', 'Kyst', 'Berg', 'Skog', 'Dal', 'Elv',
  'Viking', 'Aurora', 'Fjell', 'Havn', 'Bølge', 'Stein', 'Lys', 'Tind', 'Vidde', 'Moen', 'Holm',
];
const COMPANY_STEMS = [
  'Teknologi', 'Mekaniske', 'Elektro', 'Bygg', 'Maritime', 'Subsea', 'Data', 'Regnskap', 'Transport',
  'Energi', 'Laks', 'Treindustri', 'Automasjon', 'Robotikk', 'Rådgivning', 'Sveis', 'Eiendom',
  'Solenergi', 'Verft', 'Fiskeri', 'Analyse', 'Produksjon', 'Systemer', 'Engineering', 'Industri',
  'Logistikk', 'Helse', 'Programvare', 'Betong', 'Rør', 'Kraft', 'Materialer', 'Sensor', 'Marin',
];
const COMPANY_FORMS = ['AS', 'AS', 'AS', 'AS', 'AS', 'AS', 'AS', 'AS', 'ASA', 'SA', 'ANS', 'DA'];

const CLUSTER_THEMES = [
  'Maritim klynge', 'Subsea', 'Digital innovasjon', 'Helseteknologi', 'Havbruk', 'Fornybar energi',
  'Smart industri', 'Reiseliv', 'Matinnovasjon', 'Trebasert industri', 'Romteknologi', 'Prosessindustri',
  'Systems Engineering', 'Battery', 'Hydrogen', 'Bioøkonomi', 'Kreative næringer', 'Mineral',
];
const SCHOOL_QUALIFIERS = ['Nordre', 'Søndre', 'Øvre', 'Nedre', 'Sentrum', 'Vest', 'Øst', 'Tekniske', 'Maritime'];
const TRAINING_TRADES = ['industrifag', 'elektrofag', 'byggfag', 'bilfag', 'helsefag', 'IKT-fag', 'marine fag'];
const EVENT_KINDS = [
  'Næringslivsdagen', 'Industrikonferansen', 'Karrieredag', 'Innovasjonsforum', 'Frokostmøte',
  'Teknologidagene', 'Fagdag', 'Messe', 'Gründerhelg', 'Klyngesamling', 'Rekrutteringsmesse',
];
export const COLLABORATION_DOMAINS = ['barnevern', 'brann', 'IKT', 'renovasjon', 'legevakt', 'PPT', 'innkjøp', 'landbruk'];

export function companyName(random: Random, place: string): string {
  const start = random() < 0.45 ? place : pick(random, COMPANY_PREFIXES);
  const middle = pick(random, COMPANY_STEMS);
  const second = random() < 0.25 ? ` ${pick(random, COMPANY_STEMS)}` : '';
  return `${start} ${middle}${second} ${pick(random, COMPANY_FORMS)}`;
}

export function clusterName(random: Random, kind: string, region: string): string {
  const theme = pick(random, CLUSTER_THEMES);
  switch (kind) {
    case 'NCE': return `NCE ${theme} ${region}`;
    case 'GCE': return `GCE ${theme}`;
    case 'ARENA': return `Arena ${theme} ${region}`;
    case 'ARENA_PRO': return `Arena Pro ${theme} ${region}`;
    case 'CATAPULT': return `${theme} Katapult ${region}`;
    case 'BUSINESS_ASSOCIATION': return `${region} Næringsforening ${randomInt(random, 1, 9)}`;
    default: return `${theme}nettverket ${region}`;
  }
}

export function schoolName(random: Random, kind: string, place: string): string {
  switch (kind) {
    case 'UNIVERSITY': return `Universitetet i ${place}`;
    case 'UNIVERSITY_COLLEGE': return `Høgskolen i ${place}`;
    case 'VOCATIONAL_COLLEGE': return `Fagskolen ${place} ${pick(random, SCHOOL_QUALIFIERS)}`;
    case 'TRAINING_CENTRE': return `Opplæringskontoret for ${pick(random, TRAINING_TRADES)} ${place}`;
    default: return `${place} ${pick(random, SCHOOL_QUALIFIERS)} videregående skole`;
  }
}

export function eventName(random: Random, place: string, year: number): string {
  return `${pick(random, EVENT_KINDS)} ${place} ${year}`;
}
