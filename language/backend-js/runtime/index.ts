/**
 * The runtime: all the JavaScript every compiled module carries verbatim, so that a module depends
 * on nothing. Kept as text (not as functions turned to text) so that the emitted bytes are the
 * same whatever tool loaded these files. The module's generated parts (policy, PARAMS, FIELDS,
 * FORMULAS, evaluateBatch) are data and one function; everything else is here.
 */
import { ARITHMETIC_SOURCE } from './arithmetic.ts';
import { PARAMETERS_SOURCE } from './parameters.ts';
import { HOUSEHOLDS_SOURCE } from './households.ts';
import { EVALUATE_SOURCE } from './evaluate.ts';

export { runtimeFunctions, type RuntimeFunctions } from './arithmetic.ts';

/** Exact arithmetic on fractions of safe integers: gcd, divFloor, roundSteps, parseFraction, dayNumber. */
export const RUNTIME_SOURCE = ARITHMETIC_SOURCE;

/**
 * The data-driven part: regions, parameter resolution, output columns, reading and validating
 * households, and the entry points (evaluate, evaluateRecord, evaluateRecords).
 */
export const MODULE_RUNTIME = `${PARAMETERS_SOURCE}\n\n${HOUSEHOLDS_SOURCE}\n\n${EVALUATE_SOURCE}`;
