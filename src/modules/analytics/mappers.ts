/**
 * The records the analytics types are backed by, under the names codegen looks for (GraphQL
 * type `Foo` → `FooRecord`). They are built beside the computations that fill them.
 */
export type { CooperationRecord as CooperationMetricsRecord } from './metrics.js';
export type { CorrelationRecord as CorrelationResultRecord, CorrelationPointRecord } from './correlation.js';
export type { ScreeningRecord as ScreeningResultRecord, ScreeningPairRecord } from './screening.js';
export type { KommuneProfileRecord, PeerGroupRecord, ProfileEntryRecord, ProfileResidualRecord } from './profile.js';
