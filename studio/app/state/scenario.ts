/** A scenario: a baseline policy, a reform (an edited or reform file, parameter settings), a population, a date. */

export interface PopulationChoice {
  readonly region: string;
  readonly households: number;
  readonly seed: number;
}

export interface Scenario {
  readonly id: string;
  readonly name: string;
  /** workspace path of the baseline policy */
  readonly baseline: string;
  /** a workspace file applied on the baseline; null: the workspace's own (possibly edited) baseline file */
  readonly reform: string | null;
  /** parameter and input settings of the reform ("dibao_standard" → "1700", "cpi_yoy" → "3.5%") */
  readonly sets: Readonly<Record<string, string>>;
  readonly date: string;
  readonly population: PopulationChoice;
  /** the workspace files that differed from the shipped ones when it was saved */
  readonly files?: Readonly<Record<string, string>>;
  readonly savedAt?: string;
}

export const SHANGHAI = 'policies/shanghai/shanghai.doudi';

export const DEFAULT_SCENARIO: Scenario = {
  id: 'current',
  name: '',
  baseline: SHANGHAI,
  reform: null,
  sets: {},
  date: '2024-07-01',
  population: { region: '310000', households: 100_000, seed: 1 },
};

export function newScenarioId(): string {
  return `s${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The setting keys that differ from the policy's values, for a report ("dibao_standard = 1700"). */
export function settingsList(sets: Readonly<Record<string, string>>): string[] {
  return Object.entries(sets)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} = ${v}`);
}
