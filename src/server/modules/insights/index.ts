/**
 * What other modules may use of `insights`: the small-count suppression every published statistic
 * goes through (report statistics included).
 */

export { refreshAllAggregates } from './outcomes.service.ts';
export {
  type CellState,
  DEFAULT_SUPPRESSION_THRESHOLD,
  displayCell,
  MINIMUM_SUPPRESSION_THRESHOLD,
  type PublishedCell,
  type PublishedTable,
  suppressTable,
} from './suppression.ts';
