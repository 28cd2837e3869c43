import type { HigherEdRow, PostalCodeRow } from '../files.js';
import { type GraphBuilder, GraphFactError } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';
import { slugify } from '../../graph/index.js';

const KIND = { universitet: 'UNIVERSITY', høgskole: 'UNIVERSITY_COLLEGE' } as const;

/**
 * Universities and university colleges as Difi Etatsbasen listed them in 2014 (before the
 * mergers), placed in a kommune through the postal code of their visiting address: the 2025
 * postal code list gives a 2024 kommune, the crosswalk the 2020–2023 one. That placement is
 * marked inferred, since no source states the kommune itself.
 */
export function addHigherEducation(graph: GraphBuilder, schools: readonly HigherEdRow[], postalCodes: readonly PostalCodeRow[], numbers: KommuneNumbers): void {
  const difi = graph.sources('difi-etatsbasen-2014');
  const placement = [...difi, ...graph.sources('norway-geodata-postal-codes-2025', 'ssb-klass-131-changes')];
  const kommuneByPostalCode = new Map<string, PostalCodeRow[]>();
  for (const row of postalCodes) kommuneByPostalCode.set(row.postalCode, [...(kommuneByPostalCode.get(row.postalCode) ?? []), row]);

  for (const school of schools) {
    const schoolId = graph.node('School', slugify(school.name), {
      name: school.name,
      nameEn: school.nameEn,
      kind: KIND[school.type],
      orgnr: school.orgnr,
      address: school.address,
      postalCode: school.postalCode,
      postalPlace: school.postalPlace,
      note: school.name.startsWith('Universitetet') && school.type === 'høgskole'
        ? `Listed among the høgskoler (not the universities) in Difi Etatsbasen 2014; Etatsbasen id ${school.etatsbasenId}.`
        : `Difi Etatsbasen id ${school.etatsbasenId} (2014).`,
    }, difi, { names: [school.name, ...(school.nameEn ? [school.nameEn] : [])] });

    if (!school.postalCode) continue;
    const places = kommuneByPostalCode.get(school.postalCode) ?? [];
    if (places.length !== 1) continue; // no or several kommuner for the code: leave it unplaced
    const place = places[0]!;
    const resolved = numbers.resolve(place.kommuneNr2024);
    // A 2024 kommune split off another lies inside it, so the place is certain even then.
    if (resolved.nrs.length !== 1) {
      throw new GraphFactError(`postal code ${school.postalCode}: 2024 kommune ${place.kommuneNr2024} does not map to one kommune of 2020–2023`);
    }
    const nr = resolved.nrs[0]!;
    graph.relationship('LOCATED_IN', schoolId, `Kommune:${nr}`, {
      inferred: true,
      note: `postal code → kommune, 2025 list: ${school.postalCode} ${place.postalPlace} is in ${place.kommuneNr2024} ${place.kommuneName2024}`
        + (place.kommuneNr2024 === nr ? '' : `, which was ${nr} ${numbers.kommune(nr)!.name} in 2020–2023`)
        + '; address of 2014',
    }, placement);
  }
}
