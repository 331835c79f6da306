/**
 * What every part of the expression checker shares: the context an expression is checked in, what
 * is known of a value declaration before its body is checked, and the error node that stops
 * cascades. No logic here, so that the parts (expr, calls, tables) import it without importing
 * each other.
 */
import type * as I from '../ir/types.ts';
import { T, type Type } from '../types/index.ts';
import type { Level } from '../schema/index.ts';
import type { FileInfo } from './compose.ts';
import type { Facts } from './facts.ts';

export interface ExprCtx {
  readonly file: FileInfo;
  /** `constant`: parameter values, table cells and test values, which read no household data */
  readonly level: Level | 'constant';
  readonly facts: Facts;
  /** dependencies found: "def:<id>" or "param:<id>" */
  readonly deps: Set<string>;
  /** what `base` means here, inside an override */
  readonly base?: {
    readonly kind: 'param' | 'def';
    readonly id: string;
    readonly type: Type;
    readonly level?: Level;
    /** inside the entry for one enum value of an indexed parameter: base is that entry */
    readonly index?: { readonly enumId: string; readonly value: string };
    /** called when `base` is read: the replaced declaration is then checked and kept in the IR */
    readonly use: () => void;
  };
  readonly inAggregate: boolean;
  /** the declaration being checked, for messages */
  readonly owner: string;
}

/** What the checker knows of a value declaration before its body is checked. */
export interface ValueInfo {
  readonly kind: 'param' | 'input' | 'def';
  readonly id: string;
  readonly type: Type;
  readonly level?: Level;
  readonly by?: I.EnumIR;
}

/** The node a mistake yields: typed `error`, so that what contains it is not reported again. */
export const ERR: I.Expr = { k: 'const', t: T.error, v: false };

export const isErr = (e: I.Expr): boolean => e.t.k === 'error';
