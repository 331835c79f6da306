/**
 * A figure with its tag — S seen in an official text, M from memory (unverified), A a model
 * assumption of ours — and its source: the unit of every statistic and assumption the generator uses.
 */
export type Tag = 'S' | 'M' | 'A';

export interface Figure {
  readonly value: number;
  readonly tag: Tag;
  readonly source: string;
}
