/**
 * The simulator's vocabulary, shared by its parts and its users: a scenario (a policy on a date with
 * settings), the behaviour assumptions of a run (take-up, the income the means test assesses), a
 * job (cancellation, progress), the programmes and the months run's request. Plain data and
 * constants only: every other file of the simulator may import this one, and it imports none.
 */

// ---------------------------------------------------------------- scenarios and jobs

/** A policy on a date with parameter or scenario-input settings (`--set name=value`). */
export interface Scenario {
  /** the key a policy was loaded under */
  readonly policy: string;
  readonly date: string;
  readonly sets?: Readonly<Record<string, string>>;
}

/**
 * Behaviour assumptions shared by every scenario of a run (so comparisons use the same draws): who
 * claims (take-up), and the income the means test assesses (assess.ts).
 */
export interface Behaviour extends Assessment {
  readonly takeUp?: Partial<TakeUp>;
  /** seed of the take-up draws and of the income-error draws */
  readonly seed?: number;
}

export interface Job {
  /** an id the caller may cancel by */
  readonly id?: number;
  /** households done and to do, at most every 100 ms */
  readonly onProgress?: (done: number, total: number) => void;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

// ---------------------------------------------------------------- programmes

export const PROGRAMMES = ['dibao', 'tekun', 'price', 'temporary', 'expenditure'] as const;
export type Programme = (typeof PROGRAMMES)[number];

/**
 * How often a programme pays what its output says: monthly flows, or once a year (支出型 assistance
 * is assessed on a year of rigid spending and paid once).
 */
export const PERIOD: Record<Programme, 'month' | 'year'> = { dibao: 'month', tekun: 'month', price: 'month', temporary: 'month', expenditure: 'year' };

/** Which outputs a programme reads, by the framework's output ids. */
export const PROGRAMME_OUTPUTS: Record<Programme, { readonly cost: string; readonly persons?: string }> = {
  dibao: { cost: 'dibao_benefit', persons: 'dibao_persons' },
  tekun: { cost: 'tekun_benefit', persons: 'tekun_persons' },
  price: { cost: 'price_subsidy' },
  temporary: { cost: 'temporary_assistance' },
  expenditure: { cost: 'expenditure_assistance' },
};

// ---------------------------------------------------------------- behaviour

/** Behaviour: the share of eligible households that claim, by programme (a model assumption). */
export interface TakeUp {
  readonly dibao: number;
  readonly tekun: number;
  readonly temporary: number;
  readonly expenditure: number;
}

/**
 * Defaults, documented in docs/simulator.md: urban studies find about half of the income-eligible
 * receive dibao (brief §6); 特困 is sought out by the civil-affairs offices; temporary assistance
 * needs an application at the moment of need.
 */
export const DEFAULT_TAKE_UP: TakeUp = { dibao: 0.6, tekun: 0.85, temporary: 0.5, expenditure: 0.3 };

/** The programmes a take-up rate is set for. */
export const TAKE_UP_PROGRAMMES = Object.keys(DEFAULT_TAKE_UP) as readonly (keyof TakeUp)[];

/** Behaviour assumptions about the income the means test assesses. */
export interface Assessment {
  /** seed of the draws (the run's seed) */
  readonly seed?: number;
  /**
   * Earnings imputed to able-bodied working-age members without work (yuan a month): members aged
   * 18–59 with full work ability, not students, not employed and without wages are assessed as
   * earning this much. Off when absent.
   */
  readonly imputedEarnings?: number;
  /** the share (0 … 0.9) of wage, business and property income the means test does not see */
  readonly unreportedIncome?: number;
  /**
   * σ (0 … 1.5) of the log-normal error, mean one, with which the means test measures a household's
   * wage, business and property income: one draw per household.
   */
  readonly incomeNoise?: number;
}

/** Limits of the assumptions, checked where they come in (CLI, studio). */
export const ASSESSMENT_LIMITS = { unreportedIncome: [0, 0.9], incomeNoise: [0, 1.5] } as const;

// ---------------------------------------------------------------- the months run

export interface Dynamics {
  /** monthly chance an employed member aged 16–64 loses work */
  readonly jobLoss: number;
  /** monthly chance a member aged 16–59 without work, able to work and not a student, finds work (half for partial ability) */
  readonly jobFinding: number;
  /** monthly chance a person falls catastrophically ill */
  readonly illness: number;
  /** out-of-pocket cost of such an illness, yuan a year: [low, high], drawn uniformly */
  readonly illnessCost: readonly [number, number];
  /** monthly chance a household meets an accident or disaster */
  readonly disaster: number;
  /** its one-off cost, yuan: [low, high] */
  readonly disasterCost: readonly [number, number];
  /** the low-income monitoring flags a fall of per-capita income by at least this share */
  readonly incomeDrop: number;
  /** review cycles in months (57号 Art. 31) */
  readonly reviewStable: number;
  readonly reviewVolatile: number;
}

/** Model assumptions (docs/simulator.md): rough monthly flows, not published figures. */
export const DEFAULT_DYNAMICS: Dynamics = {
  jobLoss: 0.012,
  jobFinding: 0.06,
  illness: 0.0008,
  illnessCost: [20000, 100000],
  disaster: 0.002,
  disasterCost: [1000, 20000],
  incomeDrop: 0.3,
  reviewStable: 12,
  reviewVolatile: 6,
};

/** A scripted event: it happens whatever the draws say (tests, what-ifs). */
export interface MonthEvent {
  readonly month: number;
  /** household index in the whole population */
  readonly household: number;
  /** member index within the household (person events) */
  readonly member?: number;
  readonly kind: 'job' | 'job_loss' | 'illness' | 'disaster';
  /** yuan: the wage a month (job), the cost a year (illness), the one-off cost (disaster) */
  readonly amount?: number;
}

export interface MonthsRequest {
  /** the policy; its date is the first month's */
  readonly scenario: Scenario;
  readonly months: number;
  /**
   * cpi_yoy of each month, a setting text ("3.5%", "7/200") or a fraction as a number (0.035); the
   * last value holds for later months. The simulator checks them and sends canonical text.
   */
  readonly cpi?: readonly (string | number)[];
  readonly foodCpi?: readonly (string | number)[];
  readonly behaviour?: Behaviour;
  readonly dynamics?: Partial<Dynamics>;
  readonly events?: readonly MonthEvent[];
  /** the wage (fen a month) of a member who finds work without an earlier wage: [urban, rural] */
  readonly entryWage?: readonly [number, number];
}
