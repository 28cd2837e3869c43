import type { EntityType } from './queries';

export interface TypeStyle {
  label: string;
  /** At least 3:1 against the white canvas (WCAG 1.4.11), and white text on it at least 4.5:1. */
  colour: string;
  /** A shape per type as well, so types stay apart without colour vision. */
  shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'star' | 'vee' | 'octagon' | 'rhomboid' | 'tag' | 'barrel' | 'pentagon' | 'cut-rectangle';
}

/** One style per value of the schema's `EntityType` (generated): a value added there is a type error here until styled. */
export const TYPE_STYLES = {
  KOMMUNE: { label: 'Kommune', colour: '#0b5fa5', shape: 'ellipse' },
  FYLKE: { label: 'Fylke', colour: '#00695c', shape: 'octagon' },
  COMMUTING_REGION: { label: 'Commuting region', colour: '#5e35b1', shape: 'barrel' },
  COMPANY: { label: 'Company', colour: '#b34700', shape: 'round-rectangle' },
  CLUSTER: { label: 'Cluster / network', colour: '#ad1457', shape: 'hexagon' },
  SCHOOL: { label: 'School', colour: '#2e7d32', shape: 'triangle' },
  EVENT: { label: 'Event', colour: '#7a5900', shape: 'diamond' },
  INITIATIVE: { label: 'Initiative', colour: '#c62828', shape: 'star' },
  COLLABORATION: { label: 'Collaboration', colour: '#455a64', shape: 'rhomboid' },
  INDICATOR: { label: 'Indicator', colour: '#6d4c41', shape: 'tag' },
  RANKING_ENTRY: { label: 'Ranking entry', colour: '#616161', shape: 'vee' },
  PROJECT: { label: 'Research project', colour: '#00838f', shape: 'pentagon' },
  ORGANISATION: { label: 'Organisation', colour: '#1565c0', shape: 'cut-rectangle' },
} satisfies Record<EntityType, TypeStyle>;

/** `Kommune` and `CommutingRegion` (the spelling of `__typename`) as `KOMMUNE` and `COMMUTING_REGION`. */
export function entityTypeKey(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The style of a node type, spelt as the `EntityType` enum or as `__typename`. */
export function typeStyle(type: string): TypeStyle {
  return (TYPE_STYLES as Record<string, TypeStyle | undefined>)[entityTypeKey(type)] ?? { label: type, colour: '#616161', shape: 'ellipse' };
}
