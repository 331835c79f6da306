/** Skipping a construct nested past the depth limit, in one linear pass over its tokens. */
import { EOF, type IToken, type TokenType } from 'chevrotain';
import * as L from '../lexer/index.ts';

const K = L.KW;

/** Tokens that end an expression where they stand outside brackets and `if`s. */
const ENDS_EXPRESSION = new Set<TokenType>(
  [L.Comma, L.Colon, L.Arrow, L.Pipe, L.Range, L.RangeOpenLow, L.RangeOpenHigh, L.RangeOpenBoth, L.Citation, K.Policy, K.Framework, K.Effective, K.Extends, K.Document, K.Parameter, K.Input, K.Enum, K.Person, K.Household, K.Output, K.Override, K.Exception, K.When, K.From, K.Test, K.Set, K.Expect, K.DateType, K.Members, K.Where, K.Otherwise].map((t) => t!),
);

/**
 * Skips tokens from `next()`: whole bracketed groups, and each `if` with its `then` and `else`, up
 * to a token that ends an expression at this level — or, for a record (`oneGroup`), just past its
 * closing brace. `skip()` consumes one token and returns the next.
 */
export function skipNested(next: () => IToken, skip: () => IToken, oneGroup: boolean): void {
  let brackets = 0;
  let ifs = 0;
  for (let t = next(); t.tokenType !== EOF; t = skip()) {
    const type = t.tokenType;
    if (type === L.LParen || type === L.LBrace) brackets++;
    else if (type === L.RParen || type === L.RBrace) {
      if (brackets === 0) return;
      if (--brackets === 0 && oneGroup) {
        skip();
        return;
      }
    } else if (brackets === 0) {
      if (type === K.If) ifs++;
      else if (type === K.Else || type === K.Then) {
        if (ifs === 0) return;
        if (type === K.Else) ifs--;
      } else if (ENDS_EXPRESSION.has(type)) return;
    }
  }
}
