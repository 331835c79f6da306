/**
 * Exact numbers as text, the one form a decision carries them in: JSON-friendly, readable, and
 * read back without loss. A terminating decimal is written as one ("1914", "2392.5", "0.035");
 * anything else as a fraction ("5743/3"). Never through a binary float.
 */
import * as Q from '../numbers/rational.ts';
import type { ExplainNode } from '../interpreter/index.ts';

/** An exact number as text: a decimal when it terminates within six places, else "n/d". */
export type Exact = string;

const PLACES = 6;

export function exact(q: Q.Rational): Exact {
  const dec = Q.toDecimalString(q, PLACES);
  return Q.eq(Q.parseDecimal(dec)!, q) ? dec : Q.toText(q);
}

/** Reads an Exact back (a decimal or "n/d"). */
export function rational(x: Exact): Q.Rational {
  const q = Q.parseRational(x);
  if (!q) throw new Error(`not an exact number: ${x}`);
  return q;
}

/** Whether an amount is a whole number of fen. */
export const isFen = (q: Q.Rational): boolean => Q.isInteger(Q.mul(q, Q.rat(100)));

/**
 * The exact value of an explanation node: `exact` when the value had to be rounded for display,
 * else the shortest decimal text of the value, which is exact (it has at most two decimals).
 */
export function nodeValue(n: Pick<ExplainNode, 'value' | 'exact'>): Q.Rational | boolean | string {
  if (typeof n.value !== 'number') return n.value;
  if (n.exact) return rational(n.exact);
  return Q.fromDecimalNumber(n.value);
}

export const FEN = Q.rat(1, 100);
export const HALF_YUAN = Q.rat(1, 2);
