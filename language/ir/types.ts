/**
 * The intermediate representation: a checked, flattened policy as plain JSON-serialisable data.
 * The checker makes it; the interpreter, the JS backend, the CLI and the studio read it. Nothing
 * downstream looks at source text or the AST.
 *
 * Numbers are exact rationals written as text ("1510", "7/200"); money is in yuan; dates are
 * "YYYY-MM-DD". Every node that an explanation can point at carries its source location.
 */
import type { Type } from '../types/index.ts';

export const IR_VERSION = 1;

/** [line, column], 1-based, in the declaration's file. */
export type At = readonly [number, number];

export type Cite = { readonly doc: string; readonly locator: string; readonly title?: string } | { readonly assumption: string };

/** A constant: a rational as text for numbers and money, true/false, an enum value id, a date, a region code. */
export type Value = string | boolean;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type RoundFn = 'round' | 'round_up' | 'round_down';
export type AggFn = 'sum' | 'count' | 'any' | 'all' | 'min' | 'max';

export type Expr =
  | { readonly k: 'const'; readonly t: Type; readonly v: Value }
  | { readonly k: 'field'; readonly t: Type; readonly level: 'household' | 'person'; readonly id: string }
  | { readonly k: 'param'; readonly t: Type; readonly id: string; readonly index?: Expr }
  | { readonly k: 'def'; readonly t: Type; readonly level: 'household' | 'person'; readonly id: string }
  | { readonly k: 'date'; readonly t: Type }
  | { readonly k: 'neg'; readonly t: Type; readonly a: Expr }
  | { readonly k: 'not'; readonly t: Type; readonly a: Expr }
  | { readonly k: 'arith'; readonly t: Type; readonly op: ArithOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'cmp'; readonly t: Type; readonly op: CompareOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'and' | 'or'; readonly t: Type; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'if'; readonly t: Type; readonly c: Expr; readonly a: Expr; readonly b: Expr; readonly at: At }
  | {
      readonly k: 'match';
      readonly t: Type;
      readonly on: Expr;
      readonly arms: readonly { readonly values: readonly string[]; readonly body: Expr; readonly at: At }[];
      readonly otherwise?: Expr;
      readonly at: At;
    }
  | {
      readonly k: 'table';
      readonly t: Type;
      readonly hit: HitPolicy;
      readonly inputs: readonly Expr[];
      readonly rows: readonly { readonly cells: readonly Cell[]; readonly result: Expr; readonly at: At }[];
      readonly else?: Expr;
      readonly at: At;
    }
  | {
      readonly k: 'agg';
      readonly t: Type;
      readonly fn: AggFn;
      readonly filter?: Expr;
      readonly body?: Expr;
      readonly else?: Expr;
    }
  | { readonly k: 'round'; readonly t: Type; readonly fn: RoundFn; readonly a: Expr; readonly step: string }
  | { readonly k: 'minmax'; readonly t: Type; readonly fn: 'min' | 'max'; readonly args: readonly Expr[] }
  | { readonly k: 'abs'; readonly t: Type; readonly a: Expr };

/**
 * How a decision table combines the rows that match. `first`: the first; `unique`: the only one
 * (two are a conflict); `any`: any, as all must give the same result; `priority`: the one whose
 * result comes first in its enum's declared order; `collect-*`: the sum, least, greatest or number
 * of the matching rows' results. (Hit policies that give lists are refused by the checker.)
 */
export type HitPolicy = 'first' | 'unique' | 'any' | 'priority' | 'collect-sum' | 'collect-min' | 'collect-max' | 'collect-count';

/**
 * A decision-table cell: a test of its column's input. A range includes its ends unless
 * `loOpen`/`hiOpen` says that end is left out (`a<..b`, `a..<b`); closed ranges carry neither.
 */
export type Cell =
  | { readonly k: 'any' }
  | { readonly k: 'cmp'; readonly op: CompareOp; readonly v: Expr }
  | { readonly k: 'range'; readonly lo: Expr; readonly hi: Expr; readonly loOpen?: true; readonly hiOpen?: true }
  | { readonly k: 'in'; readonly vs: readonly Expr[] };

export interface Origin {
  /** the policy that declares it */
  readonly policy: string;
  readonly file: string;
  readonly at: At;
}

export interface DatedValue {
  readonly from: string;
  /** for a parameter indexed by an enum: a list, one expression per enum value, in the enum's order */
  readonly value: Expr | readonly Expr[];
  readonly cite: readonly Cite[];
  readonly at: At;
}

export interface RegionValues {
  readonly codes: readonly string[];
  readonly label?: string;
  readonly values: readonly DatedValue[];
}

export interface ParameterIR {
  readonly id: string;
  readonly label?: string;
  readonly kind: 'parameter' | 'input';
  readonly type: Type;
  /** enum whose values index this parameter */
  readonly by?: string;
  /** values for every region without a more specific block */
  readonly values: readonly DatedValue[];
  readonly regions: readonly RegionValues[];
  readonly cite: readonly Cite[];
  readonly origin: Origin;
  /** set when this declaration replaces one of a base policy; the replaced one stays under `replaces` */
  readonly overrides?: Origin & { readonly replaces: string };
  /** true when some rule divides by it: a zero value is refused when a run starts */
  readonly divisor: boolean;
  /** every value is a whole number of fen (money) or a whole number (integer, months) */
  readonly exact: boolean;
  /** hidden: the base version of an overridden parameter, reachable only through `base` */
  readonly hidden: boolean;
}

export interface ExceptionIR {
  readonly label: string;
  readonly parent?: string;
  readonly when: Expr;
  readonly then: Expr;
  readonly cite: readonly Cite[];
  readonly at: At;
}

export interface DefinitionIR {
  readonly id: string;
  readonly label?: string;
  readonly level: 'household' | 'person';
  readonly type: Type;
  readonly output: boolean;
  readonly expr: Expr;
  readonly exceptions: readonly ExceptionIR[];
  readonly cite: readonly Cite[];
  readonly origin: Origin;
  readonly overrides?: Origin & { readonly replaces: string };
  readonly hidden: boolean;
  /** the value is always a whole number of fen (money) or a whole number */
  readonly exact: boolean;
}

export interface EnumIR {
  readonly id: string;
  readonly label?: string;
  readonly values: readonly { readonly id: string; readonly label?: string }[];
  /** declared by the population schema rather than a policy */
  readonly schema: boolean;
}

export interface TestIR {
  readonly name: string;
  readonly cite: readonly Cite[];
  readonly date: string;
  readonly sets: readonly { readonly id: string; readonly value: Value | readonly Value[] }[];
  /** the household in the schema's JSON form, normalised (money in fen) */
  readonly household: { readonly values: Readonly<Record<string, string | number | boolean>>; readonly members: readonly Readonly<Record<string, string | number | boolean>>[] };
  readonly expects: readonly { readonly id: string; readonly value: Value; readonly at: At }[];
  /** the evaluation must fail with a message containing this text */
  readonly expectError?: string;
  readonly file: string;
  readonly at: At;
}

export interface PolicyIR {
  readonly irVersion: number;
  readonly policy: {
    readonly id: string;
    readonly label?: string;
    readonly region: string;
    readonly effective: { readonly from: string; readonly to?: string };
    readonly framework: boolean;
    readonly file: string;
    /** this policy and the ones it builds on, most derived first */
    readonly chain: readonly { readonly id: string; readonly file: string }[];
    readonly cite: readonly Cite[];
  };
  readonly documents: readonly { readonly key: string; readonly title: string; readonly policy: string }[];
  readonly enums: readonly EnumIR[];
  readonly parameters: readonly ParameterIR[];
  /** in evaluation order: every definition comes after the ones it reads */
  readonly definitions: readonly DefinitionIR[];
  readonly outputs: readonly string[];
  readonly tests: readonly TestIR[];
}
