import type { Database } from '../../db/database.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { Context, Loaders } from '../../context.js';
import { listConnection, type ListArgs } from '../common/listConnection.js';
import type { ListedLabel } from '../common/listing.js';
import type { ConnectionRecord } from '../common/pagination.js';
import type { RawNode } from '../common/records.js';
import { mapCluster } from '../cluster/mappers.js';
import { mapIndicator, mapRankingEntry } from '../ranking/mappers.js';
import { toCompanyPageItem } from './loaders.js';
import { mapFylke, mapKommune, type KommuneRecord } from './mappers.js';
import { findKommuneCandidates, NO_PAGE_PARTS, type KommunePageParts, type KommuneRow } from './repository.js';

function assertKommuneNr(nr: string, argumentName = 'nr'): void {
  if (!/^\d{4}$/.test(nr)) throw badInput(`A kommunenummer has four digits (e.g. "3006"); got "${nr.slice(0, 40)}".`, argumentName);
}

export function assertFylkeNr(nr: string, argumentName = 'fylke'): void {
  if (!/^\d{2}$/.test(nr)) throw badInput(`A fylkesnummer has two digits (e.g. "30"); got "${nr.slice(0, 40)}".`, argumentName);
}

/** What a kommune lookup may read along with the kommune, and the loaders to hand it to. */
interface KommunePrefetch {
  loaders: Loaders;
  parts: KommunePageParts;
}

/**
 * The 2020–2023 kommune a number of any era refers to. A number that several kommuner
 * descend from (a pre-2020 kommune that was split) is refused with the candidates rather
 * than guessed. With `prefetch`, the kommune's fylke and the page parts asked for come in the
 * same query and are primed into the loaders that `Kommune`'s fields read.
 */
export async function findKommuneByAnyNr(
  db: Database,
  nr: string,
  argumentName = 'nr',
  prefetch?: KommunePrefetch,
): Promise<KommuneRecord | null> {
  assertKommuneNr(nr, argumentName);
  const rows = await findKommuneCandidates(db, nr, prefetch?.parts ?? NO_PAGE_PARTS);
  const candidates = rows.map((row) => mapKommune(row.node));
  const exact = candidates.find((kommune) => kommune.nr === nr);
  if (exact || candidates.length <= 1) {
    const found = exact ?? candidates[0] ?? null;
    if (found && prefetch) primeKommunePage(prefetch, found.id, rows[candidates.indexOf(found)]!);
    return found;
  }
  throw apiError(
    ErrorCode.BAD_USER_INPUT,
    `Kommunenummer ${nr} maps to several kommuner of 2020–2023 (${candidates.map((k) => `${k.nr} ${k.name}`).join(', ')}); ask for one of them.`,
    { argumentName, candidates: candidates.map((k) => k.nr) },
  );
}

/**
 * Hands the fylke that came with a kommune to the `Kommune.fylke` loader, so `fylke { … }`
 * costs no round trip of its own.
 */
export function primeFylke(loaders: Pick<Loaders, 'related'>, kommuneId: string, fylke: RawNode | null): void {
  loaders.related('Kommune.fylke').prime(kommuneId, fylke ? [mapFylke(fylke)] : []);
}

/** Primes every loader a kommune page reads with what the lookup brought along. */
function primeKommunePage({ loaders, parts }: KommunePrefetch, kommuneId: string, row: KommuneRow): void {
  primeFylke(loaders, kommuneId, row.fylke);
  for (const indicator of row.indicators ?? []) loaders.indicator.prime(String(indicator.key), mapIndicator(indicator));
  if (row.rankings) loaders.rankingsBySubject.prime(kommuneId, row.rankings.map(mapRankingEntry));
  if (row.clusters) loaders.related('Kommune.clusters').prime(kommuneId, row.clusters.map(mapCluster));
  if (row.companies && parts.companies) {
    loaders.companyPage.prime({ kommuneId, ...parts.companies }, row.companies.map(toCompanyPageItem));
  }
}

/**
 * A top-level list of entities that sit in kommuner (`companies`, `clusters`, …), whose
 * `kommune` filter takes a number of any era like `kommune(nr:)` does.
 */
export function listLocated<R extends { id: string }>(
  ctx: Context, label: ListedLabel, args: ListArgs, map: (raw: RawNode) => R,
): Promise<ConnectionRecord<R>> {
  return listConnection(ctx, label, args, {
    map,
    kommuneId: async (nr) => (await findKommuneByAnyNr(ctx.db, nr, 'kommune'))?.id ?? null,
  });
}
