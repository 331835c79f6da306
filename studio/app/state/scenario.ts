/** A scenario: a baseline policy, a reform (an edited or reform file, parameter settings), a population, a date. */
import { ASSESSMENT_LIMITS, DEFAULT_TAKE_UP, TAKE_UP_PROGRAMMES, type Behaviour, type TakeUp } from '../../../simulator/index.ts';

export type TakeUpProgramme = keyof TakeUp;
export { DEFAULT_TAKE_UP, TAKE_UP_PROGRAMMES };

/** Behaviour assumptions of a scenario (model assumptions; docs/simulator.md): absent ones take the defaults. */
export interface BehaviourChoice {
  /** share of eligible households that claim, by programme (0 … 1) */
  readonly takeUp?: Readonly<Partial<Record<TakeUpProgramme, number>>>;
  /** yuan a month assessed for able-bodied working-age members without work; absent: off */
  readonly imputedEarnings?: number;
  /** share (0 … 0.9) of wage, business and property income the means test does not see; absent: off */
  readonly unreportedIncome?: number;
  /** σ (0 … 1.5) of the log-normal error on the income the means test sees; absent: off */
  readonly incomeNoise?: number;
}

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
  readonly behaviour?: BehaviourChoice;
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

/** A positive value within [min, max]. */
const within = (x: number | undefined, [min, max]: readonly [number, number]): x is number => x !== undefined && x > min && x <= max;

/** What a run assumes of behaviour: the scenario's choices, and take-up drawn from the population's seed (as `doudi --seed`). */
export function runBehaviour(s: Pick<Scenario, 'population' | 'behaviour'>): Behaviour {
  const b = s.behaviour ?? {};
  const takeUp = Object.fromEntries(Object.entries(b.takeUp ?? {}).filter(([, v]) => v !== undefined && v >= 0 && v <= 1));
  return {
    seed: s.population.seed,
    ...(Object.keys(takeUp).length ? { takeUp } : {}),
    ...(b.imputedEarnings !== undefined && b.imputedEarnings > 0 ? { imputedEarnings: b.imputedEarnings } : {}),
    ...(within(b.unreportedIncome, ASSESSMENT_LIMITS.unreportedIncome) ? { unreportedIncome: b.unreportedIncome } : {}),
    ...(within(b.incomeNoise, ASSESSMENT_LIMITS.incomeNoise) ? { incomeNoise: b.incomeNoise } : {}),
  };
}

/** How a report names each behaviour choice. */
export interface BehaviourLabels {
  takeUp(p: TakeUpProgramme, share: number): string;
  earnings(yuan: number): string;
  unreported(share: number): string;
  noise(sigma: number): string;
}

/** The behaviour choices that differ from the defaults, for a report ("dibao take-up 80%"). */
export function behaviourList(b: BehaviourChoice | undefined, label: BehaviourLabels): string[] {
  const out: string[] = [];
  for (const p of TAKE_UP_PROGRAMMES) {
    const v = b?.takeUp?.[p];
    if (v !== undefined && v !== DEFAULT_TAKE_UP[p]) out.push(label.takeUp(p, v));
  }
  if (b?.imputedEarnings) out.push(label.earnings(b.imputedEarnings));
  if (b?.unreportedIncome) out.push(label.unreported(b.unreportedIncome));
  if (b?.incomeNoise) out.push(label.noise(b.incomeNoise));
  return out;
}
