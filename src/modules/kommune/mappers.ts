import type { FieldProperties } from '../common/projection.js';
import { baseFields, num, str, strings, type BaseRecord, type RawNode } from '../common/records.js';

export interface FylkeRecord extends BaseRecord { type: 'Fylke'; nr: string }

export interface KommuneRecord extends BaseRecord {
  type: 'Kommune';
  nr: string;
  officialName: string;
  validNames: string[];
  lat: number | null;
  lon: number | null;
  samiArea: boolean;
  orgnr: string | null;
  nr2024: string[];
  names2024: string[];
  formerNrs: string[];
  /** Residents on 1 January, by year. */
  population: Map<number, number>;
}

export interface CommutingRegionRecord extends BaseRecord { type: 'CommutingRegion'; code: string }

export interface CollaborationRecord extends BaseRecord { type: 'Collaboration'; domain: string; years: number[] }

/** The properties behind each field of `Kommune` (see `selectedProperties`); `population` reads every year's, so it needs the whole node. */
export const KOMMUNE_FIELDS: FieldProperties = {
  id: [], nr: ['nr'], name: [], officialName: ['officialName'], validNames: ['validNames'], formerNrs: ['formerNrs'],
  orgnr: ['orgnr'], samiArea: ['samiArea'], location: ['lat', 'lon'], successors: ['nr2024', 'names2024'], nr2024: ['nr2024', 'names2024'],
  sources: ['sourceIds'], fylke: [], commutingRegion: [], companies: [], clusters: [], schools: [], events: [], initiatives: [],
  collaborations: [], rankings: [], values: [], projects: [], cooperation: [],
};

/** The properties behind each field of `Fylke`. */
export const FYLKE_FIELDS: FieldProperties = { id: [], nr: ['nr'], name: [], kommuner: [], rankings: [], sources: ['sourceIds'] };

export function mapFylke(raw: RawNode): FylkeRecord {
  const base = baseFields('Fylke', raw);
  return Object.assign(base, { type: 'Fylke' as const, nr: str(raw.nr) ?? base.key });
}

const POPULATION_PROPERTY = /^population(\d{4})$/;

export function mapKommune(raw: RawNode): KommuneRecord {
  const base = baseFields('Kommune', raw);
  const population = new Map<number, number>();
  for (const [property, value] of Object.entries(raw)) {
    const year = POPULATION_PROPERTY.exec(property)?.[1];
    const n = num(value);
    if (year && n !== null) population.set(Number(year), n);
  }
  return Object.assign(base, {
    type: 'Kommune' as const,
    nr: str(raw.nr) ?? base.key,
    officialName: str(raw.officialName) ?? base.name,
    validNames: strings(raw.validNames),
    lat: num(raw.lat),
    lon: num(raw.lon),
    samiArea: raw.samiArea === true,
    orgnr: str(raw.orgnr),
    nr2024: strings(raw.nr2024),
    names2024: strings(raw.names2024),
    formerNrs: strings(raw.formerNrs),
    population,
  });
}

export function mapCommutingRegion(raw: RawNode): CommutingRegionRecord {
  const base = baseFields('CommutingRegion', raw);
  return Object.assign(base, { type: 'CommutingRegion' as const, code: str(raw.code) ?? base.key });
}

export function mapCollaboration(raw: RawNode): CollaborationRecord {
  const base = baseFields('Collaboration', raw);
  const years = Array.isArray(raw.years) ? raw.years.map(Number) : typeof raw.year === 'number' ? [raw.year] : [];
  return Object.assign(base, { type: 'Collaboration' as const, domain: str(raw.domain) ?? '', years });
}

/** The year asked for, or the latest held. */
export function populationIn(kommune: KommuneRecord, year: number | null | undefined): number | null {
  if (year !== null && year !== undefined) return kommune.population.get(year) ?? null;
  const latest = Math.max(...kommune.population.keys());
  return Number.isFinite(latest) ? kommune.population.get(latest) ?? null : null;
}

/** The 2024 number that keeps the kommune's name, else the first successor. */
export function primarySuccessor(kommune: KommuneRecord): string | null {
  const sameName = kommune.nr2024.find((_, i) => kommune.names2024[i] === kommune.name);
  return sameName ?? kommune.nr2024[0] ?? null;
}

/** What a ranking entry ranks: a kommune or, for fylker among fylker, a fylke. */
export function mapRankedSubject(raw: RawNode): KommuneRecord | FylkeRecord {
  const fylke = raw.labels ? raw.labels.includes('Fylke') : String(raw.id).startsWith('Fylke:');
  return fylke ? mapFylke(raw) : mapKommune(raw);
}
