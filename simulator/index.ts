/**
 * The simulator's face: everything the CLI, the studio, the tests and the bench may use. Nothing
 * outside simulator/ imports its inner files; Node's worker pools are in node.ts and the browser's
 * in browser.ts (the only files here that touch a platform), everything else runs anywhere.
 *
 *   population → Simulator.setPopulation → addPolicy → simulate / compare / sweep / months → results
 */
export { Simulator, LocalBackend, type Backend, type PolicyEntry, type Reform, type CompareResult, type SweepPoint, type SweepResult, type MonthsResult, type PopulationSummary } from './simulator.ts';
export * from './types.ts';
export type { RunReply } from './engine/engine.ts';
export { takeUpDraw } from './engine/accumulate.ts';
export { assessedPopulation, assessmentKey, assesses, incomeFactor, imputeEarnings, reportedShare } from './engine/assess.ts';
export { addMonths } from './engine/months.ts';
export { prepare, shardOf, CHUNK, type Prepared, type Shard } from './engine/prepare.ts';
export { drawKey, householdKeys, syntheticHouseholdId } from './engine/keys.ts';
export type { SimulationResult, Totals, Group, Delta, Changes, MonthRow, ByLevel, LevelCosts } from './engine/results.ts';
export { LEVELS, levelShares, share, splitCost, type Level, type LevelShares } from './engine/levels.ts';
export type { Reach, Poverty, ProgrammeReach } from './engine/reach.ts';
// The sums' layout and their naming, so that another engine (SQL: cli/engines/) that computes the
// same sums gives the same results through the same code.
export { RunLayout, CHANGE, GROUP_WIDTH, SIZE_GROUPS, DECILES, BANDS } from './engine/layout.ts';
export { simulationResult, delta, changesResult, type Frame } from './engine/results.ts';
export { BIN, BINS } from './engine/reach.ts';
export { LEVEL_WIDTH } from './engine/levels.ts';
export { TAKE_UP_SALT } from './engine/accumulate.ts';
export { resolveScenario, sweepPoints } from './settings.ts';
export { VALIDATION_RUNS, PUBLISHED_FIGURES, validationRows, type ValidationRow, type ValidationRun, type PublishedFigure } from './validation.ts';
// The draws' hash, so that other engines (SQL) can draw exactly as the simulator does.
export { hash3, uniform3, normalCdf, normalQuantile } from './population/random.ts';
export { headline, compareHeadline, overSeeds, summarise, quantile, type Interval, type UncertaintyResult } from './uncertainty.ts';

// Populations: synthetic, calibrated, and in files.
export * from './population/index.ts';
export { ALLEVIATION_PROVINCES } from './population/people.ts';
export { ELDERLY_ONLY, NO_WORKER, DISABLED, SEVERE } from './population/household.ts';
export * from './population/io.ts';

// Worker pools over comlink endpoints (node.ts and browser.ts make the endpoints).
export { PoolBackend, type WorkerHandle } from './worker/pool.ts';
export { serve } from './worker/api.ts';
