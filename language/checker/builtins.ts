/** Built-in functions and constants, by their English and Chinese names. */

export type Builtin =
  | 'round'
  | 'round_up'
  | 'round_down'
  | 'min'
  | 'max'
  | 'abs'
  | 'monthly'
  | 'yearly'
  | 'sum'
  | 'count'
  | 'any'
  | 'all'
  | 'evaluation_date';

export const BUILTINS: readonly { readonly id: Builtin; readonly names: readonly string[]; readonly doc: string; readonly aggregate?: boolean }[] = [
  { id: 'round', names: ['round', '四舍五入'], doc: 'round(x, step): to a multiple of step, half away from zero' },
  { id: 'round_up', names: ['round_up', '向上取整'], doc: 'round_up(x, step): to a multiple of step, towards +∞' },
  { id: 'round_down', names: ['round_down', '向下取整'], doc: 'round_down(x, step): to a multiple of step, towards −∞' },
  { id: 'min', names: ['min', '最小'], doc: 'min(a, b, …), or min(members where …: x else d)', aggregate: true },
  { id: 'max', names: ['max', '最大'], doc: 'max(a, b, …), or max(members where …: x else d)', aggregate: true },
  { id: 'abs', names: ['abs', '绝对值'], doc: 'abs(x): the absolute value' },
  { id: 'monthly', names: ['monthly', '按月'], doc: 'monthly(x): money/year as money/month (÷ 12)' },
  { id: 'yearly', names: ['yearly', '按年'], doc: 'yearly(x): money/month as money/year (× 12)' },
  { id: 'sum', names: ['sum', '合计', '求和'], doc: 'sum(members where …: x): the sum over matching members (0 if none)', aggregate: true },
  { id: 'count', names: ['count', '计数'], doc: 'count(members where …): how many members match', aggregate: true },
  { id: 'any', names: ['any', '存在', '任一'], doc: 'any(members where …[: cond]): some matching member (satisfies cond)', aggregate: true },
  { id: 'all', names: ['all', '全部', '所有'], doc: 'all(members [where …]: cond): every matching member satisfies cond', aggregate: true },
  { id: 'evaluation_date', names: ['evaluation_date', '评估日期'], doc: 'the date the policy is evaluated for' },
];

const BY_NAME = new Map<string, Builtin>();
for (const b of BUILTINS) for (const n of b.names) BY_NAME.set(n, b.id);

export const builtinByName = (name: string): Builtin | undefined => BY_NAME.get(name);
