import { describe, expect, it } from 'vitest';
import {
  parseClusterFacts, parseCollaborations, parseEcosystem, parseIndicators, parseKommuner, parseRankingFacts, parseSources,
  SeedFormatError,
} from './files.js';
import { readSeedTexts } from './loadSeeds.js';
import { parseCommutingFlows, parseCommutingTotals, parseNeighbours, SEED_FILES } from './files.js';

const KOMMUNE_HEADER = 'kommunenummer,kommunenavn_norsk,kommunenavn_offisielt,gyldige_navn_geonorge,fylkesnummer,fylkesnavn,lat,lon,'
  + 'samisk_forvaltningsomrade,organisasjonsnummer,ba_region_2020,befolkning_2020_01_01,befolkning_2021_01_01,befolkning_2022_01_01,kommunenummer_2024';

describe('parseKommuner', () => {
  it('reads names, numbers, region and population', () => {
    const [row] = parseKommuner(`${KOMMUNE_HEADER}
5426,Kåfjord,Gáivuotna - Kåfjord - Kaivuono,Gáivuotna (Northern Sami) | Kåfjord (Norwegian) | Kaivuono (Kven Finnish),54,Troms og Finnmark,69.497321,20.727124,True,940363586,144 Gáivuotna - Kåfjord - Kaivuono ,2071,2072,2012,5540
`);
    expect(row).toEqual({
      nr: '5426', name: 'Kåfjord', officialName: 'Gáivuotna - Kåfjord - Kaivuono', validNames: ['Gáivuotna', 'Kåfjord', 'Kaivuono'],
      fylkeNr: '54', fylkeName: 'Troms og Finnmark', lat: 69.497321, lon: 20.727124, samiArea: true, orgnr: '940363586',
      commutingRegionCode: '144', commutingRegionName: 'Gáivuotna - Kåfjord - Kaivuono', population: { 2020: 2071, 2021: 2072, 2022: 2012 }, nr2024: ['5540'],
    });
  });

  it('writes commuting region codes with at least two digits, as "05" and "5" mean the same', () => {
    const rows = parseKommuner(`${KOMMUNE_HEADER}
0301,Oslo,Oslo,Oslo (Norwegian),03,Oslo,59.9,10.7,False,958935420,05 Oslo/Bærum,693494,697010,699827,0301
3024,Bærum,Bærum,Bærum (Norwegian),30,Viken,59.9,10.4,False,935478715,5 Oslo/Bærum,127731,128233,128982,3201
3006,Kongsberg,Kongsberg,Kongsberg (Norwegian),30,Viken,59.5,9.6,False,942402465,7 Kongsberg,27723,27694,27879,3303
`);
    expect(rows.map((row) => row.commutingRegionCode)).toEqual(['05', '05', '07']);
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseKommuner(`${KOMMUNE_HEADER}
306,Kongsberg,Kongsberg,Kongsberg (Norwegian),30,Viken,59.5,9.6,False,942402465,7 Kongsberg,27723,27694,27879,3303
`)).toThrow(/kommuner_2020_2023\.csv:2: kommunenummer "306"/);
  });
});

describe('parseSources', () => {
  it('refuses a URL listed twice', () => {
    expect(() => parseSources('key,title,url,publisher,licence,note\na,A,https://x/,P,,\nb,B,https://x/,P,,\n')).toThrow(SeedFormatError);
  });
});

describe('parseIndicators', () => {
  it('reads direction and sources', () => {
    const [row] = parseIndicators('key,name,kind,unit,higherIsBetter,publisher,sources,description\nssb/population,Population,VALUE,persons,,SSB,a;b,Residents.\n');
    expect(row).toMatchObject({ key: 'ssb/population', kind: 'VALUE', higherIsBetter: null, sourceKeys: ['a', 'b'] });
  });
});

describe('parseRankingFacts', () => {
  it('keeps a row without source URL (a derived rank) with a null URL', () => {
    const [row] = parseRankingFacts(`edition_year,data_year,scope,entity,kommunenummer_2020_2023,index,rank,rank_scope,source_url,note
2021,2020,kommune,Kongsberg,3006,Total,2,Viken,,"DERIVED, not sourced"
`);
    expect(row).toMatchObject({ edition: 2021, dataYear: 2020, level: 'kommune', nr: '3006', rank: 2, rankScope: 'Viken', sourceUrl: null });
  });
});

describe('parseClusterFacts', () => {
  it('allows a cluster without host kommune', () => {
    const [row] = parseClusterFacts('name,programme_level,status_year,host_place,host_kommunenummer_2020_2023,source_url,note\nLegasea,Arena,2013,Møre og Romsdal,,https://x/,county only\n');
    expect(row).toMatchObject({ name: 'Legasea', statusYear: 2013, hostKommuneNr: null });
  });
});

describe('parseCollaborations', () => {
  it('splits members and trims the names', () => {
    const [row] = parseCollaborations('\uFEFFkommunenavn;kommunenummer;fylke\nHAUGESUND , UTSIRA;1106, 1151;Rogaland\n');
    expect(row).toMatchObject({ memberNames: ['HAUGESUND', 'UTSIRA'], memberNrs: ['1106', '1151'], fylke: 'Rogaland' });
  });

  it('refuses a row whose names and numbers do not pair up', () => {
    expect(() => parseCollaborations('kommunenavn;kommunenummer;fylke\nA, B;1106;Rogaland\n')).toThrow(/2 names but 1 numbers/);
  });
});

describe('parseEcosystem', () => {
  it('refuses an inferred relationship without a note', () => {
    const text = JSON.stringify({
      entities: [],
      relationships: [{ type: 'LOCATED_IN', from: 'Company:x', to: 'Kommune:3006', inferred: true, sources: ['s'] }],
    });
    expect(() => parseEcosystem(text)).toThrow(/needs a note/);
  });

  it('refuses properties the model does not have', () => {
    const text = JSON.stringify({ entities: [{ id: 'Company:x', name: 'X', colour: 'red', sources: ['s'] }], relationships: [] });
    expect(() => parseEcosystem(text)).toThrow(/unknown properties colour/);
  });
});

describe('the seed files', () => {
  it('all parse', async () => {
    const texts = await readSeedTexts();
    expect(parseKommuner(texts.kommuner)).toHaveLength(356);
    expect(parseEcosystem(texts.ecosystem).entities.length).toBeGreaterThan(20);
  });
});

describe('commuting and neighbour files', () => {
  const FLOWS = 'work_kommune,home_kommune,year,employed\n0301,3024,2022,29502\n';

  it('reads flows home → work and names the line of a flow of another year or a second row for a pair', () => {
    expect(parseCommutingFlows(FLOWS, 'f.csv', 2022)).toEqual([{ file: 'f.csv', line: 2, homeNr: '3024', workNr: '0301', year: 2022, employed: 29502 }]);
    expect(() => parseCommutingFlows(FLOWS, 'f.csv', 2021)).toThrow('seeds/f.csv:2: year must be 2021 in this file, got 2022');
    expect(() => parseCommutingFlows(`${FLOWS}0301,3024,2022,1\n`, 'f.csv', 2022)).toThrow('seeds/f.csv:3: a second row for home 3024 and work 0301');
  });

  it('reads the totals of both sexes aged 15–74 only', () => {
    const header = 'Region,Kjonn,Alder,ContentsCode,Tid,value\n';
    expect(parseCommutingTotals(`${header}3006,0,15-74,SysselBosted,2022,14000\n`, 't.csv', 2022)[0]).toMatchObject({ kommuneNr: '3006', measure: 'SysselBosted', value: 14000 });
    expect(() => parseCommutingTotals(`${header}3006,1,15-74,SysselBosted,2022,7000\n`, 't.csv', 2022)).toThrow('seeds/t.csv:2: expected Kjonn 0');
    expect(() => parseCommutingTotals(`${header}3006,0,15-74,Sysselsatte,2022,7000\n`, 't.csv', 2022)).toThrow(/ContentsCode must be one of/);
  });

  it('reads neighbour codes as kommune numbers, and the real files whole', async () => {
    const one = JSON.stringify({ items: [{ autorkode: '0301', tittel: { nob: 'Oslo' }, geografi: { nabo: ['AO-TO-FL-30-24'] } }] });
    expect(parseNeighbours(one)).toEqual([{ file: SEED_FILES.neighbours, line: null, kommuneNr: '0301', name: 'Oslo', neighbourNrs: ['3024'] }]);
    expect(() => parseNeighbours(one.replace('AO-TO-FL-30-24', 'Bærum'))).toThrow(/neighbour code Bærum is not/);
    const texts = await readSeedTexts();
    expect(parseNeighbours(texts.neighbours)).toHaveLength(356);
    expect(parseCommutingFlows(texts.commuting2022, SEED_FILES.commuting2022, 2022)).toHaveLength(26923);
  });
});
