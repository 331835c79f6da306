/**
 * Running a policy: "these settings, this household, give me the outputs (and why)" in one place,
 * for the CLI, the studio, the simulator and the tests. Environment-agnostic, like all of language/.
 *
 * - settings: one grammar and resolver for names (id, Chinese label, `name.entry`) and values
 *   (¥ amounts, percentages, fractions, thousands separators, exact), with coded diagnostics;
 * - evaluateOne / evaluateHouseholds: a household read once, compiled code, the interpreter only to explain;
 * - decodeOutputs: a compiled module's output columns as values;
 * - checkAgreement: compiled code against the interpreter, for `doudi test` and the property test.
 */
export { SETTING_CODES, settingDiagnostic, visible, formatSettingDiagnostic, SettingError, type SettingCode, type SettingParams, type SettingDiagnostic } from './codes.ts';
export { parseQuantity, splitList, normalizeText, exactDecimal, type Quantity, type Unit, type Parsed } from './numbers.ts';
export {
  resolveSettings,
  findSetting,
  settingValue,
  splitSetting,
  canonicalText,
  settingsFromValues,
  SETTING_LIMITS,
  NO_SETTINGS,
  type ResolvedSettings,
  type SettingInput,
  type SettingTarget,
} from './settings.ts';
export { decodeOutput, decodeOutputs, exactOutputs, type OutputValue } from './outputs.ts';
export { evaluateOne, evaluateHouseholds, readOne, type PolicyPair, type RunOptions, type Evaluated, type Failure } from './evaluate.ts';
export { compiledOutcome, interpretedOutcome, disagreements, checkAgreement, type Outcome } from './agree.ts';
