/**
 * The Doudi language, from source to compiled rules. Each stage lives in its own folder and they
 * talk only through data: text → tokens (lexer) → CST (parser) → AST (ast) → checked IR
 * (checker) → JavaScript (backend-js); the interpreter and the test runner read the IR.
 * Runs unchanged in Node, browsers and workers.
 */
export { checkPolicy, type CheckOptions, mapHost, normalizePath, resolvePath, dirname, citeText, citesText, parseCite, BUILTINS, type SourceHost, type CheckResult } from './checker/index.ts';
export { parseFile, type PolicyFile, type ParsedFile } from './ast/index.ts';
/** The AST node types, for tools that read source (the studio's language service). */
export type * as ast from './ast/nodes.ts';
export { lex, KEYWORDS, LITERAL_PATTERNS, IDENTIFIER, type KeywordSpec } from './lexer/index.ts';
export * from './diagnostics/index.ts';
export { validDate } from './checker/constants.ts';
export type * from './ir/types.ts';
export { IR_VERSION } from './ir/types.ts';
export { reachableDefinitions } from './ir/walk.ts';
export { evaluateHousehold, checkDate, parseSetting, regionValues, inForce, EvalError, scalarEquals, type ExplainNode, type EvalResult, type EvalOptions, type Scalar } from './interpreter/index.ts';
export { emitModule, emitDeclarations, instantiate, compileIR, CompileLimit, releaseFiles, releaseStem, type CompiledPolicy, type OutputColumns, type Compiled, type RecordProblem, type RecordResult, type ReleaseFile } from './backend-js/index.ts';
export { runTests, showScalar, testSets, type TestReport, type TestResult } from './testing/index.ts';
export { mutants, mutationReport, mutationByFile, type Mutant, type MutationReport } from './testing/mutate.ts';
export * from './schema/index.ts';
export { T, typeText, type Type, type Period } from './types/index.ts';
export * as rational from './numbers/rational.ts';
export { LIMITS } from './limits.ts';
export * from './run/index.ts';
export * from './explain/index.ts';

export const LANGUAGE_VERSION = '0.1.0';
