/**
 * The abstract syntax tree: what the source says, with spans, before names and types are known.
 * Plain data. Spans are offsets into the file (end exclusive).
 */
import type { Span } from '../diagnostics/index.ts';

export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** A citation as written, without its brackets: "57号 §13" or "assumption: …". */
export interface Cite {
  readonly text: string;
  readonly span: Span;
}

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface Header {
  readonly id: Name;
  readonly label?: string;
  readonly cites: readonly Cite[];
  readonly framework: boolean;
  readonly region?: Located<string> & { readonly label?: string };
  readonly effective?: { readonly from: Located<string>; readonly to?: Located<string> };
  readonly extends?: Located<string>;
  readonly documents: readonly { readonly key: Located<string>; readonly title: string; readonly span: Span }[];
  readonly span: Span;
}

export type TypeNode =
  | { readonly k: 'bool' | 'integer' | 'number' | 'rate' | 'date' | 'months' | 'region'; readonly span: Span }
  | { readonly k: 'money'; readonly period: 'month' | 'year' | 'stock'; readonly span: Span }
  | { readonly k: 'named'; readonly name: string; readonly span: Span };

export interface RecordNode {
  readonly k: 'record';
  readonly fields: readonly { readonly name: Name; readonly value: Expr }[];
  readonly members: readonly RecordNode[];
  readonly span: Span;
}

export interface ValueLine {
  readonly from: Located<string>;
  readonly value: Expr | RecordNode;
  readonly cites: readonly Cite[];
  readonly span: Span;
}

export interface RegionBlock {
  readonly codes: readonly Located<string>[];
  readonly label?: string;
  readonly values: readonly ValueLine[];
  readonly span: Span;
}

interface DeclBase {
  readonly name: Name;
  readonly label?: Located<string>;
  readonly cites: readonly Cite[];
  readonly span: Span;
}

export interface ParameterDecl extends DeclBase {
  readonly kind: 'parameter';
  readonly override: boolean;
  readonly type: TypeNode;
  readonly by?: Name;
  readonly values: readonly ValueLine[];
  readonly regions: readonly RegionBlock[];
}

export interface InputDecl extends DeclBase {
  readonly kind: 'input';
  readonly override: boolean;
  readonly type: TypeNode;
  readonly default?: Expr;
}

export interface ExceptionClause {
  readonly label: Name;
  readonly parent?: Name;
  readonly cites: readonly Cite[];
  readonly when: Expr;
  readonly then: Expr;
  readonly span: Span;
}

export interface DefinitionDecl extends DeclBase {
  readonly kind: 'definition';
  readonly override: boolean;
  readonly level: 'person' | 'household';
  readonly output: boolean;
  readonly type: TypeNode;
  readonly expr: Expr;
  readonly exceptions: readonly ExceptionClause[];
}

export interface EnumDecl extends DeclBase {
  readonly kind: 'enum';
  readonly values: readonly { readonly name: Name; readonly label?: string }[];
}

export type Decl = ParameterDecl | InputDecl | DefinitionDecl | EnumDecl;

export interface TestDecl {
  readonly name: Located<string>;
  readonly cites: readonly Cite[];
  readonly date?: Located<string>;
  readonly sets: readonly { readonly name: Name; readonly value: Expr; readonly span: Span }[];
  readonly household?: { readonly from: Located<string> } | { readonly record: RecordNode };
  readonly householdSpan?: Span;
  readonly expects: readonly { readonly name: Name; readonly value: Expr; readonly span: Span }[];
  /** `expect error "text"`: the evaluation must fail with a message containing the text */
  readonly expectError?: { readonly word: Name; readonly text: string; readonly span: Span };
  readonly span: Span;
}

export interface PolicyFile {
  readonly path: string;
  readonly header?: Header;
  readonly declarations: readonly Decl[];
  readonly tests: readonly TestDecl[];
}

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
/** The hit policies a table may name (language/lexer/vocabulary.ts HIT_POLICIES); the checker refuses the list-valued ones. */
export type HitPolicy = 'first' | 'unique' | 'any' | 'priority' | 'collect-sum' | 'collect-min' | 'collect-max' | 'collect-count' | 'rule-order' | 'output-order' | 'collect-list';

export type Cell =
  | { readonly k: 'any'; readonly span: Span }
  | { readonly k: 'compare'; readonly op: CompareOp; readonly value: Expr; readonly span: Span }
  /** `lo..hi`; `lo<..hi`, `lo..<hi`, `lo<..<hi` leave out the end marked open */
  | { readonly k: 'range'; readonly lo: Expr; readonly hi: Expr; readonly loOpen?: true; readonly hiOpen?: true; readonly span: Span }
  | { readonly k: 'values'; readonly values: readonly Expr[]; readonly span: Span };

export interface TableRow {
  readonly cells: readonly Cell[];
  readonly result: Expr;
  readonly span: Span;
}

export interface MatchArm {
  /** undefined for `otherwise` */
  readonly values?: readonly Expr[];
  readonly body: Expr;
  readonly span: Span;
}

export type Expr =
  | { readonly k: 'number' | 'months' | 'money' | 'percent' | 'date'; readonly text: string; readonly span: Span }
  | { readonly k: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly k: 'base'; readonly span: Span }
  | { readonly k: 'name'; readonly name: Name; readonly qualifier?: Name; readonly span: Span }
  | { readonly k: 'call'; readonly callee: Name; readonly args: readonly Expr[]; readonly span: Span }
  | {
      readonly k: 'aggregate';
      readonly fn: Name;
      readonly filter?: Expr;
      readonly body?: Expr;
      readonly else?: Expr;
      readonly span: Span;
    }
  | { readonly k: 'unary'; readonly op: '-' | 'not'; readonly operand: Expr; readonly span: Span }
  | { readonly k: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly opSpan: Span; readonly span: Span }
  | { readonly k: 'in'; readonly operand: Expr; readonly values?: readonly Expr[]; readonly range?: readonly [Expr, Expr]; readonly span: Span }
  | { readonly k: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr; readonly span: Span }
  | { readonly k: 'match'; readonly on: Expr; readonly arms: readonly MatchArm[]; readonly span: Span }
  | {
      readonly k: 'table';
      readonly hit: HitPolicy;
      readonly inputs: readonly Expr[];
      readonly rows: readonly TableRow[];
      readonly else?: Expr;
      readonly span: Span;
    }
  | { readonly k: 'error'; readonly span: Span };
