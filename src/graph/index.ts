/**
 * The graph model and what every writer shares: labels and relationship patterns, ids, text
 * folding, validation of facts and the one write path. It imports nothing above `db/`.
 */
export * from './model.js';
export * from './ids.js';
export * from './curation.js';
export * from './text.js';
export * from './builder.js';
export * from './write.js';
export * from './heaviest.js';
