/**
 * The population schema (../shared/domain/population-schema.md) as data.
 * Every stage that reads households — the checker, the interpreter, the compiled modules, the
 * simulator's importers — takes its field list, types, Chinese names and column layout from here.
 */
import { T, type Type } from '../types/index.ts';

export type Level = 'household' | 'person';

/** How a field is stored in a population's typed-array columns. Money is stored in fen. */
export type ColumnKind = 'f64' | 'i32' | 'u16' | 'u8';

export interface EnumSpec {
  readonly id: string;
  readonly zh: string;
  readonly values: readonly { readonly id: string; readonly zh: string }[];
}

/** The default of an optional field: a constant, another field's value, or a choice on a yes/no field. */
export type OptionalDefault =
  | { readonly value: boolean | number | string }
  | { readonly same: string }
  | { readonly when: string; readonly then: string; readonly else: string };

export interface FieldSpec {
  readonly id: string;
  readonly zh: string;
  readonly level: Level;
  /** undefined for identifier strings (household_id, person_id) that rules cannot read */
  readonly type: Type | undefined;
  readonly column: ColumnKind | undefined;
  /** Rules may not read it (ids, the simulation weight). */
  readonly readable: boolean;
  /**
   * Schema version 2's optional fields: a file or a case may leave them out, and they then take
   * this default, so version-1 files load unchanged. Undefined for required fields.
   */
  readonly optional?: OptionalDefault;
  readonly min?: number;
  readonly max?: number;
  readonly doc: string;
}

const e = (id: string, zh: string, values: [string, string][]): EnumSpec => ({
  id,
  zh,
  values: values.map(([vid, vzh]) => ({ id: vid, zh: vzh })),
});

export const ENUMS: readonly EnumSpec[] = [
  e('area', '城乡类别', [
    ['urban', '城镇'],
    ['rural', '农村'],
  ]),
  e('relation', '与户主关系', [
    ['head', '户主'],
    ['spouse', '配偶'],
    ['child', '子女'],
    ['parent', '父母'],
    ['grandchild', '孙子女'],
    ['sibling', '兄弟姐妹'],
    ['other', '其他亲属'],
  ]),
  e('sex', '性别', [
    ['male', '男'],
    ['female', '女'],
  ]),
  e('excluded_status', '不计入情形', [
    ['none', '无'],
    ['clergy_away', '宗教教职人员'],
    ['prisoner', '服刑人员'],
    ['rehab', '强制隔离戒毒'],
    ['missing', '宣告失踪'],
  ]),
  e('work_ability', '劳动能力', [
    ['full', '完全劳动能力'],
    ['partial', '部分劳动能力'],
    ['none', '无劳动能力'],
  ]),
  e('disability_type', '残疾类别', [
    ['none', '无'],
    ['physical', '肢体'],
    ['visual', '视力'],
    ['hearing', '听力'],
    ['speech', '言语'],
    ['intellectual', '智力'],
    ['mental', '精神'],
    ['multiple', '多重'],
  ]),
  e('self_care', '自理能力', [
    ['full', '全自理'],
    ['partial', '半失能'],
    ['none', '全失能'],
  ]),
  e('dibao_status', '低保状态', [
    ['none', '无'],
    ['regular', '常规低保'],
    ['grace', '渐退期'],
    ['single', '单人户'],
  ]),
  e('child_status', '困境儿童类别', [
    ['none', '无'],
    ['orphan', '孤儿'],
    ['unsupported', '事实无人抚养儿童'],
  ]),
];

/**
 * Bounds on a population's records, so that every total is a finite number that means something: a
 * weight is a plain decimal (no exponent, hexadecimal or separators) from 0 to 1,000,000,000 with at
 * most 17 significant digits — what the float64 it is held in can tell apart, and enough to write
 * any such float64 exactly — and a household has at most 100 members.
 */
export const MAX_WEIGHT = 1_000_000_000;
export const WEIGHT_DIGITS = 17;
export const MAX_MEMBERS = 100;

const MONTH = T.money('month');
const YEAR = T.money('year');
const STOCK = T.money('stock');

type Row = [string, string, Type | undefined, ColumnKind | undefined, string, { readable?: boolean; min?: number; max?: number; optional?: OptionalDefault }?];

const household: Row[] = [
  ['household_id', '家庭编号', undefined, undefined, 'unique in a population', { readable: false }],
  ['weight', '权重', T.number, 'f64', 'real households this record stands for', { readable: false, min: 0, max: MAX_WEIGHT }],
  ['region', '行政区划代码', T.region, 'i32', 'GB/T 2260 code, 6 digits'],
  ['area', '城乡类别', T.enum('area'), 'u8', 'urban or rural, by where the household is assessed'],
  ['hukou_local', '本地户籍', T.bool, 'u8', 'hukou in the assessing locality'],
  ['residence_permit', '持居住证', T.bool, 'u8', 'holds a residence permit there'],
  ['financial_assets', '金融资产', STOCK, 'f64', 'deposits, securities, funds, insurance cash value'],
  ['vehicles', '机动车数量', T.integer, 'u16', 'motor vehicles, disability vehicles not counted', { min: 0, max: 65535 }],
  ['houses', '住房套数', T.integer, 'u16', 'residential properties owned', { min: 0, max: 65535 }],
  ['medical_costs', '医疗自付支出', YEAR, 'i32', 'out-of-pocket medical costs, last 12 months'],
  ['education_costs', '教育支出', YEAR, 'i32', 'education fees, last 12 months'],
  ['emergency_cost', '急难支出', STOCK, 'i32', 'one-off loss or cost from an emergency this month'],
  ['dibao_last_month', '上月享受低保', T.bool, 'u8', 'the household was paid dibao last month'],
  ['last_benefit', '上月低保金', MONTH, 'i32', 'dibao paid last month'],
  ['grace_months_used', '已享受渐退月数', T.months, 'u8', 'months of 渐退期 already paid', { min: 0, max: 255 }],
  ['hukou_area', '户籍城乡类别', T.enum('area'), 'u8', 'whether the hukou is registered in a town or a village (default: area)', { optional: { same: 'area' } }],
  ['last_dibao_status', '上月低保状态', T.enum('dibao_status'), 'u8', 'how the household was covered last month (default: regular if dibao_last_month, else none)', {
    optional: { when: 'dibao_last_month', then: 'regular', else: 'none' },
  }],
];

const person: Row[] = [
  ['person_id', '成员编号', undefined, undefined, 'unique in a population', { readable: false }],
  ['household_id', '家庭编号', undefined, undefined, 'the household the person belongs to', { readable: false }],
  ['relation', '与户主关系', T.enum('relation'), 'u8', 'relation to the head of household'],
  ['age', '年龄', T.integer, 'u8', 'age in whole years', { min: 0, max: 150 }],
  ['sex', '性别', T.enum('sex'), 'u8', ''],
  ['co_resident', '共同生活', T.bool, 'u8', 'lives with the household long-term'],
  ['excluded_status', '不计入情形', T.enum('excluded_status'), 'u8', '57号 Art. 7 exclusions'],
  ['student', '全日制在校', T.bool, 'u8', 'full-time student, bachelor level or below'],
  ['work_ability', '劳动能力', T.enum('work_ability'), 'u8', 'assessed capacity to work'],
  ['disability_grade', '残疾等级', T.integer, 'u8', '0 none; 1 most severe … 4 mildest', { min: 0, max: 4 }],
  ['disability_type', '残疾类别', T.enum('disability_type'), 'u8', ''],
  ['catastrophic_illness', '重特大疾病', T.bool, 'u8', 'a locally recognised catastrophic illness'],
  ['self_care', '自理能力', T.enum('self_care'), 'u8', '全自理 / 半失能 / 全失能'],
  ['employed', '就业', T.bool, 'u8', 'in work this month'],
  ['wage_income', '工资性收入', MONTH, 'i32', 'gross earnings per month'],
  ['business_income', '经营净收入', MONTH, 'i32', 'net business or farm income per month'],
  ['property_income', '财产净收入', MONTH, 'i32', 'interest, dividends, rent per month'],
  ['transfer_income', '转移净收入', MONTH, 'i32', 'counted transfers per month'],
  ['basic_pension', '城乡居民基础养老金', MONTH, 'i32', 'the centrally set basic pension per month'],
  ['excluded_income', '不计入收入', MONTH, 'i32', 'income not counted, per month'],
  ['has_capable_supporter', '有履行能力的赡养人', T.bool, 'u8', 'a legal supporter able to support'],
  ['poverty_alleviated', '脱贫人口', T.bool, 'u8', 'registered as lifted out of poverty (default false)', { optional: { value: false } }],
  ['relapse_monitoring', '防返贫监测对象', T.bool, 'u8', 'under the rural monitoring against relapse into poverty (default false)', { optional: { value: false } }],
  ['child_status', '困境儿童类别', T.enum('child_status'), 'u8', '孤儿 / 事实无人抚养儿童 (default none)', { optional: { value: 'none' } }],
  ['entitled_group', '优抚对象', T.bool, 'u8', 'entitled to 优待抚恤 (default false)', { optional: { value: false } }],
  ['unemployment_insurance', '领取失业保险金', T.bool, 'u8', 'receives unemployment insurance this month (default false)', { optional: { value: false } }],
  ['institutional_care', '集中供养', T.bool, 'u8', 'a 特困 person supported in an institution (default false)', { optional: { value: false } }],
];

const build = (level: Level, rows: Row[]): FieldSpec[] =>
  rows.map(([id, zh, type, column, doc, opts]) => ({
    id,
    zh,
    level,
    type,
    column,
    readable: opts?.readable ?? true,
    optional: opts?.optional,
    min: opts?.min,
    max: opts?.max,
    doc,
  }));

export const HOUSEHOLD_FIELDS: readonly FieldSpec[] = build('household', household);
export const PERSON_FIELDS: readonly FieldSpec[] = build('person', person);

/** The largest money amount a person's or a household's i32 fen column holds, in fen. */
export const I32_MAX = 2147483647;

export function enumSpec(id: string): EnumSpec | undefined {
  return ENUMS.find((x) => x.id === id);
}

export function findField(level: Level, name: string): FieldSpec | undefined {
  const list = level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
  return list.find((f) => f.id === name || f.zh === name);
}

/**
 * The default of an optional (schema version 2) field, given the record's other (normalised)
 * values: hukou_area follows area, last_dibao_status follows dibao_last_month.
 */
export function defaultFor(f: FieldSpec, record: { readonly [field: string]: unknown }): unknown {
  const d = f.optional;
  if (!d) return defaultValue(f);
  if ('value' in d) return d.value;
  if ('same' in d) return record[d.same];
  return record[d.when] === true ? d.then : d.else;
}

/** Inline test households may leave fields out; these are the documented defaults. */
export function defaultValue(f: FieldSpec): unknown {
  if (f.id === 'co_resident' || f.id === 'hukou_local') return true;
  if (f.id === 'weight') return 1;
  if (f.id === 'relation') return 'head';
  if (f.id === 'age') return 40;
  const t = f.type;
  if (!t) return '';
  switch (t.k) {
    case 'bool':
      return false;
    case 'enum':
      return enumSpec(t.name)!.values[0]!.id;
    case 'region':
      return '';
    default:
      return 0;
  }
}
