import type { Database } from '../../db/database.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { mapKommune, type KommuneRecord } from './mappers.js';
import { findKommunerByAnyNr } from './repository.js';

export function assertKommuneNr(nr: string, argumentName = 'nr'): void {
  if (!/^\d{4}$/.test(nr)) throw badInput(`A kommunenummer has four digits (e.g. "3006"); got "${nr.slice(0, 40)}".`, argumentName);
}

export function assertFylkeNr(nr: string, argumentName = 'fylke'): void {
  if (!/^\d{2}$/.test(nr)) throw badInput(`A fylkesnummer has two digits (e.g. "30"); got "${nr.slice(0, 40)}".`, argumentName);
}

/**
 * The 2020–2023 kommune a number of any era refers to. A number that several kommuner
 * descend from (a pre-2020 kommune that was split) is refused with the candidates rather
 * than guessed.
 */
export async function findKommuneByAnyNr(db: Database, nr: string, argumentName = 'nr'): Promise<KommuneRecord | null> {
  assertKommuneNr(nr, argumentName);
  const candidates = (await findKommunerByAnyNr(db, nr)).map(mapKommune);
  const exact = candidates.find((kommune) => kommune.nr === nr);
  if (exact || candidates.length <= 1) return exact ?? candidates[0] ?? null;
  throw apiError(
    ErrorCode.BAD_USER_INPUT,
    `Kommunenummer ${nr} maps to several kommuner of 2020–2023 (${candidates.map((k) => `${k.nr} ${k.name}`).join(', ')}); ask for one of them.`,
    { argumentName, candidates: candidates.map((k) => k.nr) },
  );
}
