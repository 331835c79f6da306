/**
 * The JavaScript backend: IR → a standalone ES module (and its .d.ts). The batch function it
 * contains is the simulator's engine.
 */
export { emitModule, CompileLimit, type EmitOptions } from './module.ts';
export { compileIR, type Compiled } from './compile.ts';
export { emitDeclarations } from './dts.ts';
export { RUNTIME_SOURCE, MODULE_RUNTIME, runtimeFunctions } from './runtime/index.ts';
export { instantiate, type CompiledPolicy, type CompiledParameters, type CompiledRegions, type OutputColumns, type RecordProblem, type RecordResult } from './load.ts';
export { releaseFiles, releaseStem, relativePath, type ReleaseFile, type ReleaseInput } from './release/index.ts';
