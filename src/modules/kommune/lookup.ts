import type { GraphQLResolveInfo } from 'graphql';
import type { Database } from '../../db/database.js';
import { statementParts, type NestedRead } from '../entity/lookahead.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { addNotice } from '../common/notices.js';
import { parseGlobalId } from '../common/records.js';
import type { Context, Loaders } from '../../context.js';
import { listConnection, type ListArgs } from '../common/listConnection.js';
import type { ListedLabel } from '../common/listing.js';
import type { ConnectionRecord } from '../common/pagination.js';
import type { RawNode } from '../common/records.js';
import { mapFylke, mapKommune, type KommuneRecord } from './mappers.js';
import {
  findFylkeEras, findFylkeNumbers, findKommuneCandidates, findKommuneCandidatesOfNrs, type FylkeEraRow,
} from './repository.js';

function assertKommuneNr(nr: string, argumentName = 'nr'): void {
  if (!/^\d{4}$/.test(nr)) throw badInput(`A kommunenummer has four digits (e.g. "3006"); got "${nr.slice(0, 40)}".`, argumentName);
}

export function assertFylkeNr(nr: string, argumentName = 'fylke'): void {
  if (!/^\d{2}$/.test(nr)) throw badInput(`A fylkesnummer has two digits (e.g. "30"); got "${nr.slice(0, 40)}".`, argumentName);
}

/** What a kommune lookup reads along with the kommune (planned from the selection), and the loaders to hand its fylke to. */
interface KommunePrefetch {
  loaders: Loaders;
  reads: readonly NestedRead[];
}

/**
 * The 2020–2023 kommune a number of any era refers to. A number that several kommuner
 * descend from (a pre-2020 kommune that was split) is refused with the candidates rather
 * than guessed. With `prefetch`, the kommune's fylke and the nested reads come in the same
 * query and are primed into the loaders that `Kommune`'s fields read.
 */
export async function findKommuneByAnyNr(
  db: Database,
  nr: string,
  argumentName = 'nr',
  prefetch?: KommunePrefetch,
): Promise<KommuneRecord | null> {
  assertKommuneNr(nr, argumentName);
  const reads = prefetch?.reads ?? [];
  const rows = await findKommuneCandidates(db, nr, statementParts(reads));
  const candidates = rows.map((row) => mapKommune(row.node));
  const found = pickKommune(nr, candidates, argumentName);
  if (found && prefetch) {
    const row = rows[candidates.indexOf(found)]!;
    primeFylke(prefetch.loaders, found.id, row.fylke);
    reads.forEach((read, index) => read.prime(found.id, row.nested[index]));
  }
  return found;
}

/**
 * The rule of a number of any era: the kommune whose 2020–2023 number it is, else the only one
 * that has it as a former or 2024 number; several such kommuner are refused with the candidates.
 */
function pickKommune(nr: string, candidates: readonly KommuneRecord[], argumentName: string): KommuneRecord | null {
  const exact = candidates.find((kommune) => kommune.nr === nr);
  if (exact || candidates.length <= 1) return exact ?? candidates[0] ?? null;
  throw apiError(
    ErrorCode.BAD_USER_INPUT,
    `Kommunenummer ${nr} maps to several kommuner of 2020–2023 (${candidates.map((k) => `${k.nr} ${k.name}`).join(', ')}); ask for one of them.`,
    { argumentName, candidates: candidates.map((k) => k.nr) },
  );
}

/** `findKommuneByAnyNr` for many numbers in one round trip (`nodes(ids:)` with ids of other eras). */
async function findKommunerByAnyNr(db: Database, nrs: readonly string[], argumentName: string): Promise<Map<string, KommuneRecord | null>> {
  const unique = [...new Set(nrs)];
  if (unique.length === 0) return new Map();
  const candidates = await findKommuneCandidatesOfNrs(db, unique);
  return new Map(unique.map((nr) => [nr, pickKommune(nr, (candidates.get(nr) ?? []).map(mapKommune), argumentName)]));
}

/**
 * Hands the fylke that came with a kommune to the `Kommune.fylke` loader, so `fylke { … }`
 * costs no round trip of its own.
 */
export function primeFylke(loaders: Pick<Loaders, 'related'>, kommuneId: string, fylke: RawNode | null): void {
  loaders.related('Kommune.fylke').prime(kommuneId, fylke ? [mapFylke(fylke)] : []);
}

/** A fylke argument as the kommuner it covers, and how its number was read. */
export interface FylkeFilter {
  requested: string;
  era: FylkeEraRow['era'];
  /** Ids of the 2020–2023 kommuner the number covers in its era. */
  kommuneIds: string[];
  /** The 2020–2023 fylker those kommuner were in (one, except for some numbers of before 2020). */
  fylker: { nr: string; name: string }[];
}

const ERA_ORDER: readonly FylkeEraRow['era'][] = ['NOW', 'FROM_2024', 'BEFORE_2020'];
const ERA_TEXT: Record<FylkeEraRow['era'], string> = { NOW: 'of 2020–2023', FROM_2024: 'from 2024', BEFORE_2020: 'before 2020' };

/**
 * The kommuner a fylke number of any era covers: a fylke of 2020–2023 (30 Viken), a fylke of
 * 2024 (33 Buskerud: the kommuner numbered 33xx from 2024, all in Viken before) or of before
 * 2020 (06 Buskerud). The 2020–2023 reading wins where numbers coincide (03 Oslo). Null when
 * no fylke has had the number.
 */
export async function findFylkeByAnyNr(db: Database, nr: string, argumentName = 'fylke'): Promise<FylkeFilter | null> {
  assertFylkeNr(nr, argumentName);
  const rows = await findFylkeEras(db, nr);
  const row = ERA_ORDER.map((era) => rows.find((candidate) => candidate.era === era)).find((candidate) => candidate !== undefined);
  return row ? { requested: nr, era: row.era, kommuneIds: row.kommuneIds, fylker: row.fylker } : null;
}

/** A fylke filter argument; a number no fylke has had is BAD_USER_INPUT listing the valid ones. */
export async function fylkeFilter(db: Database, nr: string, argumentName = 'fylke'): Promise<FylkeFilter> {
  const found = await findFylkeByAnyNr(db, nr, argumentName);
  if (found) return found;
  const { now, from2024 } = await findFylkeNumbers(db);
  throw apiError(
    ErrorCode.BAD_USER_INPUT,
    `No fylke has had the number "${nr}". Valid: ${now.map((f) => `${f.nr} ${f.name}`).join(', ')} (2020–2023)`
      + `${from2024.length > 0 ? `; from 2024 also ${from2024.join(', ')} (the kommuner with those 2024 numbers)` : ''}.`,
    { argumentName, valid: [...now.map((f) => f.nr), ...from2024] },
  );
}

/** Why a kommune number of another era was answered with the 2020–2023 kommune. */
export function otherEraReason(kommune: KommuneRecord, nr: string): string {
  const era = kommune.formerNrs.includes(nr) ? 'before 2020' : 'from 2024';
  return `${nr} is ${kommune.name}'s kommunenummer ${era}; its id is ${kommune.id} (2020–2023 number).`;
}

/** An id as asked for and the canonical id of the entity it refers to. */
export interface ResolvedId {
  requested: string;
  canonical: string;
  /** Why the two differ (null when they do not). */
  reason: string | null;
}

/**
 * The one identity rule of the API: the canonical id of any id a client may send. A kommune or
 * fylke number of any era (`Kommune:0604` before 2020, `Kommune:3303` from 2024, `Fylke:33`)
 * resolves to the 2020–2023 entity; every other id is its own canonical id. Null when no
 * kommune or fylke has had the number; a number that several descend from is BAD_USER_INPUT
 * with the candidates. Ids that exist as given are not looked up again.
 */
export async function resolveIds(ctx: Context, ids: readonly string[], argumentName = 'id'): Promise<(ResolvedId | null)[]> {
  const parsed = ids.map((id) => parseGlobalId(id, argumentName));
  const found = await ctx.loaders.node.loadMany(ids);
  for (const hit of found) if (hit instanceof Error) throw hit;
  const isKommuneNr = (index: number) => !found[index] && parsed[index]!.type === 'Kommune' && /^\d{4}$/.test(parsed[index]!.key);
  const kommuner = await findKommunerByAnyNr(ctx.db, parsed.filter((_, index) => isKommuneNr(index)).map((id) => id.key), argumentName);
  return Promise.all(ids.map(async (id, index): Promise<ResolvedId | null> => {
    if (found[index]) return { requested: id, canonical: id, reason: null };
    const { type, key } = parsed[index]!;
    if (isKommuneNr(index)) {
      const kommune = kommuner.get(key);
      if (!kommune) return null;
      return { requested: id, canonical: kommune.id, reason: otherEraReason(kommune, key) };
    }
    if (type === 'Fylke' && /^\d{2}$/.test(key)) {
      const fylke = await findFylkeByAnyNr(ctx.db, key, argumentName);
      if (!fylke) return null;
      const [only, ...others] = fylke.fylker;
      if (!only) return null;
      if (others.length > 0) {
        throw apiError(
          ErrorCode.BAD_USER_INPUT,
          `Fylkesnummer ${key} (${ERA_TEXT[fylke.era]}) covers kommuner of several fylker of 2020–2023 (${fylke.fylker.map((f) => `${f.nr} ${f.name}`).join(', ')}); ask for one of them.`,
          { argumentName, candidates: fylke.fylker.map((f) => `Fylke:${f.nr}`) },
        );
      }
      return { requested: id, canonical: `Fylke:${only.nr}`, reason: `${key} is a fylkesnummer ${ERA_TEXT[fylke.era]}; its kommuner were in ${only.name}, Fylke:${only.nr}, in 2020–2023.` };
    }
    return null;
  }));
}

/**
 * `resolveIds` for one argument of a field, telling the client in `extensions.notices` which
 * ids were answered with another canonical id and which refer to nothing.
 */
export async function resolveIdsNoting(ctx: Context, info: GraphQLResolveInfo, ids: readonly string[], argumentName = 'id'): Promise<(string | null)[]> {
  const resolved = await resolveIds(ctx, ids, argumentName);
  return resolved.map((resolution, index) => {
    const requested = ids[index]!;
    if (!resolution) {
      addNotice(ctx, info, { code: 'NOT_FOUND', requested, message: `No entity has the id "${requested.slice(0, 80)}" (argument ${argumentName}).` });
      return null;
    }
    return noteCanonical(ctx, info, resolution);
  });
}

/** The canonical id of a resolution, noted in `extensions.notices` when it differs from the id asked for. */
export function noteCanonical(ctx: Context, info: GraphQLResolveInfo, resolution: ResolvedId): string {
  if (resolution.reason) {
    addNotice(ctx, info, { code: 'CANONICAL_ID', requested: resolution.requested, canonical: resolution.canonical, message: resolution.reason });
  }
  return resolution.canonical;
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
    kommuneId: async (nr) => {
      const kommune = await findKommuneByAnyNr(ctx.db, nr, 'kommune');
      if (!kommune) throw badInput(`No kommune has had the number "${nr}" (2020–2023, before 2020 or from 2024); see Query.kommuner.`, 'kommune');
      return kommune.id;
    },
  });
}
