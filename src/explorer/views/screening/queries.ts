import { operation } from '../../lib/api.js';
import type { ExplorerKommuneProfileQuery, ExplorerScreeningQuery } from '../../generated/operations.js';

export const SCREENING = operation<ExplorerScreeningQuery>(/* GraphQL */ `
  query ExplorerScreening($year: Int, $fylke: String, $controlFor: [Covariate!], $statistic: ScreeningStatistic) {
    screening(year: $year, fylke: $fylke, controlFor: $controlFor, statistic: $statistic) {
      statistic partial covariates confidenceLevel tests
      pairs {
        metric year metricYear n coefficient pValue pValueMethod pAdjustedBH pAdjustedHolm warnings universe higherIsBetter
        interval { lower upper level }
        indicator { key name }
      }
    }
  }
`);
export type ScreeningResult = ExplorerScreeningQuery['screening'];
export type ScreeningPair = ScreeningResult['pairs'][number];

export const KOMMUNE_PROFILE = operation<ExplorerKommuneProfileQuery>(/* GraphQL */ `
  query ExplorerKommuneProfile($kommune: String!) {
    kommuneProfile(kommune: $kommune) {
      kommune { nr name }
      peerGroup { definition size populationYear population }
      measures { key metric year value universe all { n rank percentile min median max } peers { n rank percentile } }
      indicators { key year value indicator { name } all { n rank percentile min median max } peers { n rank percentile } }
      residuals(metrics: [COMMUTING_PARTNERS, H2020_PROJECTS_PER_10000]) {
        metric indicator { key name } year n residual standardisedResidual percentile
      }
    }
  }
`);
export type KommuneProfileResult = ExplorerKommuneProfileQuery['kommuneProfile'];
