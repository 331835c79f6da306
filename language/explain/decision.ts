/**
 * A household's decision as data (57号 §21's written notice, before it is words): per programme the
 * outcome and amount, the facts with their numbers, the reasons for a refusal, what would change
 * the outcome, and the articles cited. Every number is exact (`Exact` text); the words, in Chinese
 * or English, are made from this in notice.ts. Built for policies on the national framework (the
 * names it reads are the framework's); a policy without them gets its outputs listed.
 */
import type { Exact } from './exact.ts';

export type Programme = 'dibao' | 'edge' | 'tekun' | 'price' | 'temporary' | 'expenditure' | 'rigid_hardship';

/** granted: paid or recognised; refused: not; grace: 渐退期; single: 单人户 (members covered alone) */
export type Outcome = 'granted' | 'refused' | 'grace' | 'single';

/** A member as a notice names them: 1-based, with the person id and age. */
export interface Member {
  readonly member: number;
  readonly person_id: string;
  readonly age: number;
}

/** Which line an income is compared with: the dibao standard or the edge line (edge_multiple × standard). */
export type Line = { readonly line: 'standard'; readonly standard: Exact } | { readonly line: 'edge'; readonly standard: Exact; readonly multiple: Exact; readonly value: Exact };

export type Fact =
  /** counted income ÷ persons = per-capita income, against a line */
  | { readonly k: 'income'; readonly income: Exact; readonly persons: number; readonly pci: Exact; readonly below: boolean; readonly against: Line }
  /** wages of the members counted, and what is counted after the employment deduction (57号 §13) */
  | { readonly k: 'deduction'; readonly wages: Exact; readonly counted: Exact; readonly method: string; readonly rate?: Exact; readonly exemption?: Exact }
  /** costs of disability or serious illness deducted from counted income (57号 §13) */
  | { readonly k: 'illness'; readonly income: Exact; readonly deducted: Exact }
  /** (standard − per-capita income) × persons, rounded to the yuan */
  | { readonly k: 'gap'; readonly standard: Exact; readonly pci: Exact; readonly persons: number; readonly amount: Exact }
  /** standard × the tier's rate × persons */
  | { readonly k: 'tiers'; readonly standard: Exact; readonly rate: Exact; readonly persons: number; readonly amount: Exact }
  | { readonly k: 'minimum'; readonly amount: Exact }
  | { readonly k: 'addon'; readonly amount: Exact }
  /** 渐退期: last month's benefit kept (less a taper), months used of the most */
  | { readonly k: 'grace'; readonly last_benefit: Exact; readonly used: number; readonly months: number; readonly amount: Exact; readonly taper?: Exact; readonly member_only: boolean; readonly persons: number }
  /** a member covered alone (单人户) */
  | (Member & { readonly k: 'single'; readonly reason: 'disability' | 'illness' | 'severe_disabled_adult'; readonly own_income: Exact; readonly standard: Exact; readonly amount: Exact })
  /** financial assets per member against the limit (months × standard) */
  | { readonly k: 'assets'; readonly total: Exact; readonly persons: number; readonly per_person: Exact; readonly months: Exact; readonly standard: Exact; readonly limit: Exact; readonly ok: boolean }
  | { readonly k: 'vehicles' | 'houses'; readonly count: number; readonly max: number; readonly ok: boolean }
  /** may not apply here: hukou elsewhere (and no residence permit route) */
  | { readonly k: 'hukou'; readonly permit: boolean; readonly permit_route: boolean }
  /** eligible, but the benefit rounds to ¥0: not paid, not counted */
  | { readonly k: 'zero_benefit'; readonly amount: Exact }
  /** no member counts for dibao (every member is 特困, or none lives in the household) */
  | { readonly k: 'no_members' }
  /** on dibao last month, but the grace period is used up or needs a member in work */
  | { readonly k: 'grace_over'; readonly used: number; readonly months: number }
  | { readonly k: 'grace_needs_work' }
  /** a 特困 member: the basic living standard plus care */
  | (Member & { readonly k: 'tekun'; readonly income: Exact; readonly standard: Exact; readonly basic: Exact; readonly care: Exact; readonly amount: Exact })
  | { readonly k: 'price'; readonly cpi: Exact; readonly food_cpi: Exact; readonly trigger: Exact; readonly food_trigger: Exact; readonly rate: Exact; readonly standard: Exact; readonly per_person: Exact; readonly persons: number; readonly amount: Exact }
  /** 急难型: the loss, against what the household can bear, its severity and the limit */
  | { readonly k: 'emergency'; readonly cost: Exact; readonly income: Exact; readonly months: Exact; readonly bearable: boolean; readonly poor_only?: true; readonly level?: string; readonly level_label?: string; readonly limit?: Exact; readonly amount?: Exact }
  | { readonly k: 'help_first'; readonly limit: Exact }
  | { readonly k: 'not_poor'; readonly pci: Exact; readonly edge: Exact }
  /** 支出型: rigid spending a year against a share of the year's income */
  | { readonly k: 'expenditure'; readonly spending: Exact; readonly income_year: Exact; readonly share: Exact; readonly excess: Exact; readonly cap?: Exact; readonly amount?: Exact }
  /** all members' income a month against last year's disposable income per member (not quoted: it is given by area) */
  | { readonly k: 'disposable'; readonly income: Exact; readonly below: boolean }
  | { readonly k: 'after_spending'; readonly pci: Exact; readonly edge: Exact; readonly below: boolean }
  /** 刚性支出困难家庭: rigid and living spending a year against a share of the year's income */
  | { readonly k: 'hardship'; readonly rigid: Exact; readonly living: Exact; readonly income_year: Exact; readonly share: Exact; readonly above: boolean };

export type Change =
  /** counted income must fall below (or to at most) a threshold: household total and per capita */
  | { readonly k: 'income_below'; readonly line: 'standard' | 'edge'; readonly household: Exact; readonly pci: Exact; readonly strict: boolean; readonly now: Exact; readonly now_pci: Exact; readonly by: Exact }
  /** the outcome is kept while counted income stays below a threshold */
  | { readonly k: 'income_reaches'; readonly line: 'standard' | 'edge'; readonly household: Exact; readonly pci: Exact; readonly strict: boolean; readonly now: Exact; readonly by: Exact }
  | { readonly k: 'assets_below'; readonly limit: Exact; readonly now: Exact; readonly by: Exact }
  | { readonly k: 'vehicles_below' | 'houses_below'; readonly max: number; readonly now: number }
  | { readonly k: 'apply_at_hukou' }
  | { readonly k: 'grace_left'; readonly months: number };

export interface Item {
  readonly programme: Programme;
  readonly outcome: Outcome;
  /** yuan: a month, or once for one-off help */
  readonly amount?: Exact;
  readonly period?: 'month' | 'once';
  readonly persons?: number;
  readonly facts: readonly Fact[];
  /** why it was refused: every condition that failed */
  readonly reasons: readonly Fact[];
  /** what would change the outcome, all of them together */
  readonly changes: readonly Change[];
  /** the articles, "57号 §13" */
  readonly cites: readonly string[];
}

export interface Decision {
  readonly policy: { readonly id: string; readonly label?: string };
  readonly household: string;
  readonly region: string;
  readonly date: string;
  /** co-resident members (57号 §7) */
  readonly members?: number;
  readonly items: readonly Item[];
  /** the monthly total (dibao + 特困 + price subsidy) */
  readonly total_monthly?: Exact;
  /** a policy not on the framework: its outputs, listed */
  readonly outputs?: readonly { readonly id: string; readonly label?: string; readonly value: Exact | boolean; readonly cites: readonly string[] }[];
  /** the titles of the documents cited, by key */
  readonly documents: Readonly<Record<string, string>>;
}
