/**
 * Explanations for people, environment-agnostic like all of language/:
 *
 * - explainHousehold: a household's outputs, its decision (decision.ts: per programme the outcome,
 *   the facts with their numbers, the reasons for a refusal, what would change the outcome, the
 *   articles — exact) and the compact explanation (compact.ts: a graph of values, every reason as data);
 * - noticeText: the decision as 57号 §21's written notice, in Chinese or English;
 * - earningsPath: the benefit cliff — net income and the implicit marginal rate along one member's
 *   earnings (cliff.ts).
 */
export { explainHousehold, explainRead, type Explained } from './explain.ts';
export { noticeText } from './notice.ts';
export type { Lang } from './words.ts';
export { compactExplanation, explanationJson, compactKey, EXPLANATION_FORMAT, type CompactExplanation, type CompactNode, type Rule } from './compact.ts';
export type { Decision, Item, Fact, Change, Programme, Outcome as DecisionOutcome, Member, Line } from './decision.ts';
export { decisionOf } from './decide.ts';
export { readForNotice, type Reading } from './reading.ts';
export { exact as exactText, rational as readExact, type Exact } from './exact.ts';
export { cliffText } from './cliffText.ts';
export { earningsPath, earningsPathOf, parseEarningsPath, pathPoints, MAX_CLIFF_POINTS, type Cliff, type CliffPoint, type CliffResult, type EarningsPath } from './cliff.ts';
