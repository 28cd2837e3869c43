import type { KommuneRow } from '../files.js';
import type { GraphBuilder } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';

const POPULATION_YEARS = [2020, 2021, 2022] as const;

/**
 * Fylker, commuting regions and kommuner of 2020–2023 from the joined kommune file, with
 * each kommune's numbers of other eras and its population (also as `ssb/population` values,
 * so correlations can control for size).
 */
export function addKommuner(graph: GraphBuilder, kommuner: readonly KommuneRow[], numbers: KommuneNumbers): void {
  const kartverket = graph.sources('kartverket-kommuneinfo-2023');
  const commuting = graph.sources('ssb-ba-regioner-2020');
  const changes = graph.sources('ssb-klass-131-changes');
  const population = Object.fromEntries(POPULATION_YEARS.map((year) => [year, graph.sources(`ssb-07459-population-${year}`)]));
  const kommuneSources = [
    ...kartverket, ...graph.sources('ssb-klass-1236-orgnr-2023'), ...commuting, ...changes,
    ...POPULATION_YEARS.flatMap((year) => population[year]!),
  ];

  for (const kommune of kommuner) {
    // The kind word in the search text lets "fylke" or "arbeidsmarkedsregion" be searched, and makes
    // the kommune the better hit when a fylke or region has the same name (Oslo, Kongsberg).
    const fylkeId = graph.node('Fylke', kommune.fylkeNr, { nr: kommune.fylkeNr, name: kommune.fylkeName }, kartverket, {
      names: [kommune.fylkeName, `${kommune.fylkeName} fylke`],
    });
    const regionId = graph.node(
      'CommutingRegion',
      kommune.commutingRegionCode,
      { code: kommune.commutingRegionCode, name: kommune.commutingRegionName },
      commuting,
      { names: [kommune.commutingRegionName, `bo- og arbeidsmarkedsregion ${kommune.commutingRegionName}`] },
    );
    // A 2024 successor's name finds the kommune it came from ("Haram" finds Ålesund 1507).
    const names2024 = numbers.names2024(kommune.nr);
    const kommuneId = graph.node('Kommune', kommune.nr, {
      nr: kommune.nr,
      name: kommune.name,
      officialName: kommune.officialName,
      validNames: kommune.validNames,
      lat: kommune.lat,
      lon: kommune.lon,
      samiArea: kommune.samiArea,
      orgnr: kommune.orgnr,
      nr2024: numbers.nrs2024(kommune.nr),
      names2024,
      formerNrs: numbers.formerNrs(kommune.nr),
      population2020: kommune.population[2020],
      population2021: kommune.population[2021],
      population2022: kommune.population[2022],
    }, kommuneSources, { names: [kommune.name, kommune.officialName, ...kommune.validNames, ...names2024] });

    graph.relationship('IN_FYLKE', kommuneId, fylkeId, {}, kartverket);
    graph.relationship('IN_COMMUTING_REGION', kommuneId, regionId, {}, commuting);
    for (const year of POPULATION_YEARS) {
      graph.relationship('HAS_VALUE', kommuneId, 'Indicator:ssb/population', { year, value: kommune.population[year], note: null }, population[year]!);
    }
  }
}
