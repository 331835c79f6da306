/**
 * Populations: synthetic households calibrated to published statistics (generate.ts and what it
 * draws on: the Lorenz fit, the hardship copula, the province table) and their calibration report.
 * Population files are read and written by io.ts.
 */
export { generatePopulation, hardshipCopulas, PopulationError, type GenerateOptions, type PopulationMeta, type SyntheticPopulation } from './generate.ts';
export { calibrate, calibrationText, perCapitaIncome, POOREST_URBAN, type CalibrationReport, type CalibrationRow, type FitReport } from './calibrate.ts';
export { fitLorenz, headcount, povertyMeasures, type LorenzCurve, type LorenzFit, type GroupedIncome } from './lorenz.ts';
export { PROVINCES, provinceOf, provinceHouseholds, cityIncomeFactor, cityUrbanShare, cityAreaShares, type Province } from './provinces.ts';
export { regionProfile, yearTargets, over60Target, type Figure, type RegionProfile } from './targets.ts';
export { INSTITUTIONS, institutionRatio } from './institutions.ts';
export { areaCurves, provinceMean, provinceSpread, provinceHeadcount, provinceQuintileRatios, inequalityIndex, STANDARD_RATIO, type Spread } from './income.ts';
export { ELDERLY_ONLY, NO_WORKER, DISABLED, SEVERE, ILL, SINGLE_PARENT, elderlyTilt } from './household.ts';
export { ALLEVIATION_PROVINCES } from './people.ts';
export { householdFacts, distribution, type HouseholdFacts } from './facts.ts';
