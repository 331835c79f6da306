/**
 * The grammar: a Chevrotain CST parser with error recovery. It has no actions; the AST builder
 * (../ast/build.ts) walks the CST it produces. Rule names here are the CST node names.
 */
import { CstParser, type IToken, type TokenType } from 'chevrotain';
import * as L from '../lexer/index.ts';
import { LIMITS } from '../limits.ts';
import { errorMessages } from './messages.ts';
import { skipNested } from './skip.ts';

const K = L.KW;

type Alts = Parameters<CstParser['OR']>[0];

export class DoudiParser extends CstParser {
  /** Alternatives built once, not on every call (Chevrotain's advice for hot rules). */
  private readonly alts: Record<string, Alts> = {};

  /**
   * The depth guard. Every way the grammar recurses passes through `primary`, `inTarget` or
   * `record`. Each open `primary` or `inTarget` is at least one level of the expression around it
   * (as the AST builder counts levels, see ../ast/expr.ts), so when more than
   * LIMITS.expressionDepth of them would be open at once the expression is too deep: instead of
   * descending (a million nested parentheses would overflow the call stack) the parser skips the
   * rest of that construct in one linear pass and notes where (`deep`; parseCst reports it).
   * Records nest on their own count. Skipping, not throwing: Chevrotain's re-synchronisation from
   * a recognition error at such a depth costs time quadratic in the depth.
   */
  private nesting = 0;
  private records = 0;
  private reported = false;
  readonly deep: { token: IToken; what: 'expression' | 'record' }[] = [];

  constructor() {
    super(L.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'onlyOffset', errorMessageProvider: errorMessages });
    this.performSelfAnalysis();
  }

  /** Starts parsing `tokens`. */
  begin(tokens: IToken[]): void {
    this.input = tokens;
    this.nesting = 0;
    this.records = 0;
    this.reported = false;
    this.deep.length = 0;
  }

  /** Runs a recursive rule's body one level deeper, or skips the construct past the limit. */
  private deeper(what: 'expression' | 'record', body: () => void): void {
    let skip = false;
    this.ACTION(() => {
      const open = what === 'record' ? this.records : this.nesting;
      if (open < LIMITS.expressionDepth) {
        if (what === 'record') this.records++;
        else this.nesting++;
        return;
      }
      skip = true;
      // One report per outermost construct: its other branches past the limit are skipped quietly.
      if (!this.reported) this.deep.push({ token: this.LA(1), what });
      this.reported = true;
      skipNested(() => this.LA(1), () => this.SKIP_TOKEN(), what === 'record');
    });
    if (skip) return;
    try {
      body();
    } finally {
      this.ACTION(() => {
        if (what === 'record') this.records--;
        else this.nesting--;
        if (this.nesting === 0 && this.records === 0) this.reported = false;
      });
    }
  }

  public file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  private header = this.RULE('header', () => {
    this.CONSUME(K.Policy!);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.MANY(() => this.CONSUME(L.Citation));
    this.MANY2(() => this.SUBRULE(this.headerItem));
  });

  private headerItem = this.RULE('headerItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Framework!) },
      {
        ALT: () => {
          this.CONSUME(K.Region!);
          this.CONSUME(L.NumberLit);
          this.OPTION(() => this.CONSUME(L.StringLit));
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Effective!);
          this.CONSUME(K.From!);
          this.CONSUME(L.DateLit);
          this.OPTION2(() => {
            this.CONSUME(K.To!);
            this.CONSUME2(L.DateLit);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Extends!);
          this.CONSUME2(L.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Document!);
          this.CONSUME3(L.StringLit);
          this.CONSUME4(L.StringLit);
        },
      },
    ]);
  });

  private declaration = this.RULE('declaration', () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(K.Override!));
          this.OR2([
            { ALT: () => this.SUBRULE(this.parameterDecl) },
            { ALT: () => this.SUBRULE(this.inputDecl) },
            { ALT: () => this.SUBRULE(this.definitionDecl) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  private name = this.RULE('name', () => {
    this.CONSUME(L.NameTok);
  });

  private parameterDecl = this.RULE('parameterDecl', () => {
    this.CONSUME(K.Parameter!);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.CONSUME(L.Colon);
    this.SUBRULE(this.type);
    this.OPTION2(() => {
      this.CONSUME(K.By!);
      this.SUBRULE2(this.name);
    });
    this.MANY(() => this.CONSUME(L.Citation));
    this.MANY2(() => this.SUBRULE(this.valueLine));
    this.MANY3(() => this.SUBRULE(this.regionBlock));
  });

  private valueLine = this.RULE('valueLine', () => {
    this.CONSUME(K.From!);
    this.CONSUME(L.DateLit);
    this.CONSUME(L.Eq);
    this.OR([{ ALT: () => this.SUBRULE(this.record) }, { ALT: () => this.SUBRULE(this.expression) }]);
    this.MANY(() => this.CONSUME(L.Citation));
  });

  private regionBlock = this.RULE('regionBlock', () => {
    this.CONSUME(K.Region!);
    this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => this.CONSUME(L.NumberLit) });
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.CONSUME(L.Colon);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.valueLine));
  });

  private inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(K.Input!);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.CONSUME(L.Colon);
    this.SUBRULE(this.type);
    this.MANY(() => this.CONSUME(L.Citation));
    this.OPTION2(() => {
      this.CONSUME(L.Eq);
      this.SUBRULE(this.expression);
      this.MANY2(() => this.CONSUME2(L.Citation));
    });
  });

  private definitionDecl = this.RULE('definitionDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(K.Person!) }, { ALT: () => this.CONSUME(K.Household!) }, { ALT: () => this.CONSUME(K.Output!) }]);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.CONSUME(L.Colon);
    this.SUBRULE(this.type);
    this.MANY(() => this.CONSUME(L.Citation));
    this.CONSUME(L.Eq);
    this.SUBRULE(this.expression);
    this.MANY2(() => this.CONSUME2(L.Citation));
    this.MANY3(() => this.SUBRULE(this.exceptionClause));
  });

  private exceptionClause = this.RULE('exceptionClause', () => {
    this.CONSUME(K.Exception!);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(K.To!);
      this.SUBRULE2(this.name);
    });
    this.MANY(() => this.CONSUME(L.Citation));
    this.CONSUME(K.When!);
    this.SUBRULE(this.expression);
    this.CONSUME(K.Then!);
    this.SUBRULE2(this.expression);
    this.MANY2(() => this.CONSUME2(L.Citation));
  });

  private enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.Enum!);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
    this.MANY(() => this.CONSUME(L.Citation));
    this.CONSUME(L.LBrace);
    this.MANY2(() => {
      this.SUBRULE(this.enumValue);
      this.OPTION2(() => this.CONSUME(L.Comma));
    });
    this.CONSUME(L.RBrace);
  });

  private enumValue = this.RULE('enumValue', () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(L.StringLit));
  });

  private testDecl = this.RULE('testDecl', () => {
    this.CONSUME(K.Test!);
    this.CONSUME(L.StringLit);
    this.MANY(() => this.CONSUME(L.Citation));
    this.MANY2(() => this.SUBRULE(this.testItem));
  });

  private testItem = this.RULE('testItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.DateType!);
          this.CONSUME(L.DateLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Set!);
          this.SUBRULE(this.name);
          this.CONSUME(L.Eq);
          this.SUBRULE(this.expression);
        },
      },
      {
        GATE: () => this.LA(2).tokenType === L.LBrace || this.LA(2).tokenType === K.From,
        ALT: () => {
          this.CONSUME(K.Household!);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(K.From!);
                this.CONSUME(L.StringLit);
              },
            },
            { ALT: () => this.SUBRULE(this.record) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Expect!);
          this.SUBRULE2(this.name);
          this.OR3([
            {
              ALT: () => {
                this.CONSUME2(L.Eq);
                this.SUBRULE2(this.expression);
              },
            },
            { ALT: () => this.CONSUME2(L.StringLit) },
          ]);
        },
      },
    ]);
  });

  private record = this.RULE('record', () => this.deeper('record', () => {
    this.CONSUME(L.LBrace);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.Members!);
            this.SUBRULE(this.record);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.name);
            this.CONSUME(L.Colon);
            this.SUBRULE(this.expression);
          },
        },
      ]);
      this.OPTION(() => this.CONSUME(L.Comma));
    });
    this.CONSUME(L.RBrace);
  }));

  private type = this.RULE('type', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.BoolType!) },
      { ALT: () => this.CONSUME(K.IntegerType!) },
      { ALT: () => this.CONSUME(K.NumberType!) },
      { ALT: () => this.CONSUME(K.RateType!) },
      { ALT: () => this.CONSUME(K.DateType!) },
      { ALT: () => this.CONSUME(K.Month!) },
      { ALT: () => this.CONSUME(K.Region!) },
      {
        ALT: () => {
          this.CONSUME(K.MoneyType!);
          this.OPTION(() => {
            this.CONSUME(L.Slash);
            this.OR2([{ ALT: () => this.CONSUME2(K.Month!) }, { ALT: () => this.CONSUME(K.Year!) }]);
          });
        },
      },
      { ALT: () => this.CONSUME(L.Identifier) },
    ]);
  });

  // ---- expressions ----
  // One flat rule for operator sequences; the AST builder applies precedence. A deep rule per
  // precedence level would build a dozen CST nodes for every name and number.

  public expression = this.RULE('expression', () => {
    this.MANY(() => this.CONSUME(L.PrefixOp));
    this.SUBRULE(this.primary);
    this.MANY2(() => {
      this.OR(
        (this.alts.expression ??= [
          {
            ALT: () => {
              this.CONSUME(L.BinaryOp);
              this.MANY3(() => this.CONSUME2(L.PrefixOp));
              this.SUBRULE2(this.primary);
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.In!);
              this.SUBRULE(this.inTarget);
            },
          },
        ]),
      );
    });
  });

  /** A range bound: a value with optional prefixes, never a whole expression (x in 1..2 and y). */
  private operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(L.PrefixOp));
    this.SUBRULE(this.primary);
  });

  private compOp = this.RULE('compOp', () => {
    this.CONSUME(L.CompareOp);
  });

  private inTarget = this.RULE('inTarget', () => this.deeper('expression', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(1).tokenType === L.LParen,
          ALT: () => {
            this.CONSUME(L.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => this.SUBRULE(this.expression) });
            this.CONSUME(L.RParen);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.operand);
            this.CONSUME(L.Range);
            this.SUBRULE2(this.operand);
          },
        },
      ],
    });
  }));

  private primary = this.RULE('primary', () => this.deeper('expression', () => {
    this.OR(
      (this.alts.primary ??= [
        {
          // a name, a qualified enum value (Enum.value) or a call
          ALT: () => {
            this.CONSUME(L.NameTok);
            this.OPTION2(() => {
              this.CONSUME(L.Dot);
              this.CONSUME2(L.NameTok);
            });
            this.OPTION3(() => this.SUBRULE(this.callArgs));
          },
        },
        {
          ALT: () => {
            this.CONSUME(L.NumberLit);
            this.OPTION(() => this.CONSUME(K.Month!));
          },
        },
        { ALT: () => this.CONSUME(L.MoneyLit) },
        { ALT: () => this.CONSUME(L.PercentLit) },
        { ALT: () => this.CONSUME(L.DateLit) },
        { ALT: () => this.CONSUME(K.True!) },
        { ALT: () => this.CONSUME(K.False!) },
        { ALT: () => this.CONSUME(K.Base!) },
        {
          ALT: () => {
            this.CONSUME(L.LParen);
            this.SUBRULE(this.expression);
            this.CONSUME(L.RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.ifExpr) },
        { ALT: () => this.SUBRULE(this.matchExpr) },
        { ALT: () => this.SUBRULE(this.tableExpr) },
      ]),
    );
  }));

  private callArgs = this.RULE('callArgs', () => {
    this.CONSUME(L.LParen);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.aggregateArgs) },
        { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => this.SUBRULE(this.expression) }) },
      ]);
    });
    this.CONSUME(L.RParen);
  });

  private aggregateArgs = this.RULE('aggregateArgs', () => {
    this.CONSUME(K.Members!);
    this.OPTION(() => {
      this.CONSUME(K.Where!);
      this.SUBRULE(this.expression);
    });
    this.OPTION2(() => {
      this.CONSUME(L.Colon);
      this.SUBRULE2(this.expression);
    });
    this.OPTION3(() => {
      this.CONSUME(K.Else!);
      this.SUBRULE3(this.expression);
    });
  });

  private ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(K.If!);
    this.SUBRULE(this.expression);
    this.CONSUME(K.Then!);
    this.SUBRULE2(this.expression);
    this.CONSUME(K.Else!);
    this.SUBRULE3(this.expression);
  });

  private matchExpr = this.RULE('matchExpr', () => {
    this.CONSUME(K.Match!);
    this.SUBRULE(this.expression);
    this.CONSUME(L.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.matchArm);
      this.OPTION(() => this.CONSUME(L.Comma));
    });
    this.CONSUME(L.RBrace);
  });

  private matchArm = this.RULE('matchArm', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Otherwise!) },
      { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => this.SUBRULE(this.expression) }) },
    ]);
    this.CONSUME(L.Arrow);
    this.SUBRULE2(this.expression);
  });

  private tableExpr = this.RULE('tableExpr', () => {
    this.CONSUME(K.Table!);
    // The hit policy: keywords (first, unique, collect) or words read as one only here (any,
    // priority, collect min, rule order, output order …); the AST builder names what they mean.
    this.OR([
      { ALT: () => this.CONSUME(K.First!) },
      { ALT: () => this.CONSUME(K.Unique!) },
      {
        ALT: () => {
          this.CONSUME(K.Collect!);
          this.OPTION3(() => this.CONSUME(L.Identifier));
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Output!);
          this.CONSUME2(L.Identifier);
        },
      },
      {
        ALT: () => {
          this.CONSUME3(L.Identifier);
          this.OPTION4(() => this.CONSUME4(L.Identifier));
        },
      },
    ]);
    this.CONSUME(L.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(L.RParen);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.tableRow));
    this.OPTION(() => {
      this.CONSUME(K.Else!);
      this.SUBRULE2(this.expression);
    });
  });

  private tableRow = this.RULE('tableRow', () => {
    this.AT_LEAST_ONE(() => {
      this.CONSUME(L.Pipe);
      this.SUBRULE(this.cell);
    });
    this.CONSUME(L.Arrow);
    this.SUBRULE(this.expression);
  });

  private cell = this.RULE('cell', () => {
    this.OR([
      {
        GATE: () => this.LA(2).tokenType === L.Pipe || this.LA(2).tokenType === L.Arrow,
        ALT: () => this.CONSUME(L.Minus),
      },
      {
        ALT: () => {
          this.SUBRULE(this.compOp);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expression);
          this.OPTION(() => {
            this.OR2([
              {
                ALT: () => {
                  this.OR3([
                    { ALT: () => this.CONSUME(L.Range) },
                    { ALT: () => this.CONSUME(L.RangeOpenLow) },
                    { ALT: () => this.CONSUME(L.RangeOpenHigh) },
                    { ALT: () => this.CONSUME(L.RangeOpenBoth) },
                  ]);
                  this.SUBRULE3(this.expression);
                },
              },
              {
                ALT: () => {
                  this.AT_LEAST_ONE(() => {
                    this.CONSUME(L.Comma);
                    this.SUBRULE4(this.expression);
                  });
                },
              },
            ]);
          });
        },
      },
    ]);
  });
}

/** The parser holds per-input state; one instance per worker is enough, reset for every parse. */
let shared: DoudiParser | undefined;
export function getParser(): DoudiParser {
  return (shared ??= new DoudiParser());
}

export type { IToken, TokenType };
