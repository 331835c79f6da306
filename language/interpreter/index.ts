/** The reference interpreter: exact evaluation of one household, with explanations. */
export * from './evaluate.ts';
export { parseSetting, regionValues, inForce, type Scalar, type ParamValue } from './params.ts';
