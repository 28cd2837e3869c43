import { badInput } from '../../errors.js';
import type { LinkType } from '../../generated/graphql.js';
import { RELATIONSHIP_PATTERNS, type NodeLabel } from '../../graph/index.js';
import { parseGlobalId } from '../common/records.js';

/**
 * The relationship types editors may write. The label pairs come from the model's one list
 * (`RELATIONSHIP_PATTERNS`, which the seeds are checked against too), so the API can never link
 * what the seeds would refuse.
 */
const LINK_TYPES = [
  'LOCATED_IN', 'MEMBER_OF', 'FACILITATED_BY', 'COLLABORATES_WITH', 'CAMPUS_OF', 'MEETS', 'PARTNER_OF', 'PROPOSED', 'PARTICIPATES_IN',
] as const satisfies readonly LinkType[];

function allowedEnds(type: LinkType): { from: readonly NodeLabel[]; to: readonly NodeLabel[] } {
  const { from, to } = RELATIONSHIP_PATTERNS[type];
  return { from, to };
}

/** Refuses a pair of ids the model does not allow for `type`, from the type prefixes alone. */
export function assertLinkAllowed(type: LinkType, fromId: string, toId: string): void {
  if (!(LINK_TYPES as readonly string[]).includes(type)) throw badInput(`${type} cannot be linked by hand.`, 'type');
  const from = parseGlobalId(fromId).type;
  const to = parseGlobalId(toId).type;
  if (fromId === toId) throw badInput('An entity cannot be linked to itself.', 'to');
  const ends = allowedEnds(type);
  if (!(ends.from as readonly string[]).includes(from) || !(ends.to as readonly string[]).includes(to)) {
    throw badInput(`${type} joins ${ends.from.join('|')} → ${ends.to.join('|')}, not ${from} → ${to}.`, 'type');
  }
}
