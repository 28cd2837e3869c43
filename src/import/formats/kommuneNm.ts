import path from 'node:path';
import { decimalNumber, text, wholeNumber } from '../fields.js';
import { findIndicators } from '../repository.js';
import { KOMMUNE_NM_AREAS, kommuneNmIndicator, planRankings, rankingDuplicateKey, type RankingUnit, rankingUnit, type RankScope } from '../rankings.js';
import { type CsvRow, delimiterName, field } from '../read/csv.js';
import { checkUrl, fileSource, sourceRecord, SourcesByUrl } from '../sources.js';
import type { Checked } from '../pipeline.js';
import { FileError } from '../summary.js';
import { type FormatContext, type FormatRun, openCsvInput } from './input.js';

/** The columns of the published-facts files and of a full table written the same way. */
const COLUMNS = {
  edition: { names: ['edition_year'], required: true },
  dataYear: { names: ['data_year'], required: true },
  level: { names: ['scope'], required: true },
  entity: { names: ['entity'], required: true },
  nr: { names: ['kommunenummer_2020_2023', 'kommunenummer'], required: true },
  index: { names: ['index'], required: true },
  rank: { names: ['rank'], required: true },
  rankScope: { names: ['rank_scope'], required: true },
  sourceUrl: { names: ['source_url'], required: false },
  note: { names: ['note'], required: false },
  score: { names: ['score'], required: false },
} as const;

const NATIONAL = 'norge';
const NATIONAL_FYLKER = 'norge (fylker)';

/**
 * `kommune-nm`: NHO's Kommune-NM ranks, one row per kommune (or fylke), area, edition and scope,
 * as `RankingEntry` nodes of the `kommune-nm/<area>` indicators. A row's `source_url` is its
 * source; rows without one cite the file's source.
 */
export function kommuneNmFormat(context: FormatContext): FormatRun<CsvRow, RankingUnit> {
  const base = path.basename(context.file);
  const ownSource = fileSource({ title: `Kommune-NM (NHO), ${base}`, url: null, publisher: 'NHO', note: null, licence: null }, context.source);
  const byUrl = new SourcesByUrl((url) => sourceRecord({
    title: context.source.title ?? `Kommune-NM (NHO) as published at ${new URL(url).hostname.replace(/^www\./, '')}`,
    url,
    publisher: context.source.publisher ?? new URL(url).hostname.replace(/^www\./, ''),
    note: context.source.note ?? null,
    licence: context.source.licence ?? null,
  }));
  const cited = new Set<string>();
  let readAs = { encoding: null as string | null, delimiter: null as string | null };

  return {
    readAs: () => readAs,
    citedSourceIds: () => [...cited].sort(),
    async open() {
      const input = await openCsvInput(context, COLUMNS);
      readAs = { encoding: input.file.encoding, delimiter: delimiterName(input.table.delimiter) };
      const c = input.columns;
      return {
        rows: input.rows,
        progress: input.file.progress,
        check(row): Checked<RankingUnit> {
          const edition = wholeNumber(field(row, c.edition), 'edition_year', 1990, 2100);
          if ('refused' in edition) return edition;
          const dataYear = wholeNumber(field(row, c.dataYear), 'data_year', 1989, 2100);
          if ('refused' in dataYear) return dataYear;
          const level = field(row, c.level)?.toLowerCase() ?? null;
          if (level !== 'kommune' && level !== 'fylke') return { refused: `scope "${field(row, c.level) ?? ''}" is neither kommune nor fylke` };
          const nr = field(row, c.nr);
          if (nr === null) return { refused: 'kommunenummer_2020_2023 is empty' };
          const index = field(row, c.index) ?? '';
          const indicatorKey = kommuneNmIndicator(index);
          if (indicatorKey === null) return { refused: `index "${index.slice(0, 40)}" is not a Kommune-NM area (${KOMMUNE_NM_AREAS.join(', ')})` };
          const rank = wholeNumber(field(row, c.rank), 'rank', 1, 1000);
          if ('refused' in rank) return rank;
          const score = decimalNumber(field(row, c.score), 'score');
          if ('refused' in score) return score;
          const note = text(field(row, c.note), 'note');
          if ('refused' in note) return note;
          const rawUrl = field(row, c.sourceUrl);
          const url = rawUrl === null ? null : checkUrl(rawUrl, 'source_url');
          if (url && 'refused' in url) return url;

          const scopeText = field(row, c.rankScope) ?? '';
          let scope: RankScope = 'NATIONAL';
          let scopeFylkeNr: string | undefined;
          if (scopeText.toLowerCase() === NATIONAL || scopeText.toLowerCase() === NATIONAL_FYLKER) {
            const expected = level === 'fylke' ? 'Norge (fylker)' : 'Norge';
            if (scopeText.toLowerCase() !== expected.toLowerCase()) return { refused: `rank_scope "${scopeText}" does not fit a ${level}; a ${level}'s national rank is "${expected}"` };
          } else {
            scopeFylkeNr = context.directory.fylkeNrByName(scopeText);
            if (!scopeFylkeNr) return { refused: `rank_scope "${scopeText.slice(0, 60)}" is neither Norge, Norge (fylker) nor a fylke of 2020–2023` };
            scope = 'FYLKE';
          }

          const unit = rankingUnit({
            indicatorKey,
            edition: edition.value,
            dataYear: dataYear.value,
            level,
            nr,
            name: field(row, c.entity),
            rank: rank.value,
            scope,
            ...(scopeFylkeNr ? { scopeFylkeNr } : {}),
            score: score.value,
            note: note.value,
          }, context.directory, url ? url.url : null);
          if (typeof unit === 'string') return { refused: unit };
          return { unit, key: rankingDuplicateKey(unit) };
        },
        async begin(tx) {
          const keys = KOMMUNE_NM_AREAS.map((area) => kommuneNmIndicator(area)!);
          const found = await findIndicators(tx, keys);
          const missing = keys.filter((key) => !found.some((row) => row.key === key && row.kind === 'RANK'));
          if (missing.length > 0) throw new FileError(null, `the graph has no RANK indicator ${missing.join(', ')}; load the seeds first (npm run seed)`);
        },
        async prepare(units, reader) {
          await byUrl.resolve(units.flatMap((unit) => (unit.sourceUrl ? [unit.sourceUrl] : [])), reader);
          return units.map((unit) => ({ ...unit, sourceId: unit.sourceUrl ? byUrl.idOf(unit.sourceUrl) : ownSource.id }));
        },
        locks: (units) => units.map((unit) => unit.indicatorId),
        async plan(tx, units) {
          const ids = units.map((unit) => unit.sourceId);
          for (const id of ids) cited.add(id);
          const fresh = byUrl.newSources(ids);
          if (ids.includes(ownSource.id)) fresh.push(ownSource);
          return planRankings(tx, units, fresh);
        },
      };
    },
  };
}
