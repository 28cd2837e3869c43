import type { Context } from '../../context.js';
import { apiError, ErrorCode } from '../../errors.js';
import type { IndicatorKind } from '../../generated/graphql.js';
import { mapIndicator, type IndicatorRecord } from './mappers.js';
import { findIndicators } from './repository.js';

/** Where an indicator's figures of the other kind are read, for the error that names it. */
const READ_WITH: Record<IndicatorKind, string> = { RANK: '`rankings` / `ranking`', VALUE: '`values`' };

/**
 * An `indicator` argument that must name an indicator of `kind`. An unknown key, or one of the
 * other kind, is BAD_USER_INPUT listing the valid keys: an empty list would read as "no ranks".
 */
export async function checkIndicatorKey(ctx: Context, key: string, kind: IndicatorKind, argumentName = 'indicator'): Promise<IndicatorRecord> {
  const indicator = await ctx.loaders.indicator.load(key);
  if (indicator?.kind === kind) return indicator;
  const valid = (await findIndicators(ctx.db, null)).map(mapIndicator).filter((candidate) => candidate.kind === kind).map((candidate) => candidate.key);
  const problem = indicator
    ? `"${key}" is a ${indicator.kind} indicator, read with ${READ_WITH[indicator.kind]}`
    : `No indicator has the key "${key.slice(0, 80)}"`;
  throw apiError(ErrorCode.BAD_USER_INPUT, `${problem}. ${kind} indicators: ${valid.join(', ')}.`, { argumentName, valid });
}

/**
 * An edition (RANK) or statistics year (VALUE) that must be held for the indicator given, or for
 * some indicator of `kind` when none is given; BAD_USER_INPUT listing the years held otherwise.
 * A year held but without a figure for one kommune is an empty answer, not an error.
 */
export async function checkYearHeld(
  ctx: Context, year: number, kind: IndicatorKind, indicatorKey: string | null, argumentName: 'edition' | 'year',
): Promise<void> {
  const keys = indicatorKey
    ? [indicatorKey]
    : (await findIndicators(ctx.db, null)).map(mapIndicator).filter((indicator) => indicator.kind === kind).map((indicator) => indicator.key);
  const held = [...new Set((await ctx.loaders.indicatorYears.loadMany(keys)).flatMap((years) => (Array.isArray(years) ? years : [])))].sort((a, b) => a - b);
  if (held.includes(year)) return;
  const what = argumentName === 'edition' ? 'edition' : 'statistics year';
  throw apiError(
    ErrorCode.BAD_USER_INPUT,
    `No ${what} ${year} is held for ${indicatorKey ? `"${indicatorKey}"` : `any ${kind} indicator`}; held: ${held.join(', ') || 'none'}.`,
    { argumentName, valid: held },
  );
}

/** The checks of a subject's `rankings(indicator, edition)` or `values(indicator, year)`, whichever arguments are given. */
export async function checkIndicatorArguments(
  ctx: Context, kind: IndicatorKind, indicator: string | null | undefined, year: number | null | undefined, yearArgument: 'edition' | 'year',
): Promise<void> {
  if (indicator) await checkIndicatorKey(ctx, indicator, kind);
  if (year !== null && year !== undefined) await checkYearHeld(ctx, year, kind, indicator ?? null, yearArgument);
}
