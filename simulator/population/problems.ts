/** A population as the simulator takes it, and what goes wrong reading one from files. */
import type { PopulationColumns } from '../../language/index.ts';
import type { IdList } from './ids.ts';

export interface Population {
  readonly columns: PopulationColumns;
  /**
   * Household and person ids, by position; absent for synthetic populations, whose ids are made up
   * from positions (H0000001, H0000001-1, …).
   */
  readonly ids?: { readonly households: readonly string[]; readonly persons: IdList };
}

export interface FileProblem {
  readonly file: string;
  /** 1-based line of a CSV or JSON Lines file (a CSV file's header is line 1); 1-based row of a Parquet file */
  readonly row: number;
  /** the column or field, e.g. "age" or "members[2].age"; empty for a problem with a whole row */
  readonly field: string;
  readonly message: string;
}

/** Problems listed at most; reading a file stops there. */
export const MAX_PROBLEMS = 100;

export class PopulationFileError extends Error {
  /** `total`: problems found, when more than those listed */
  constructor(
    readonly problems: readonly FileProblem[],
    readonly total = problems.length,
  ) {
    const first = problems[0]!;
    const more = Math.max(total, problems.length) - 1;
    super(`${first.file}:${first.row}: ${first.field ? `field ${first.field} ` : ''}${first.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
  }
}
