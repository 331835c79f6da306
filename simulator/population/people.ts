/**
 * The person and household fields that follow from who lives in a household and where: hukou,
 * supporters (赡养人, 43号 §8), and the schema's version 2 flags. Rates are evidence tagged [M] or
 * marked assumptions (targets.ts ASSUMPTIONS).
 */
import type { Stream } from './random.ts';
import { normalCdf, normalQuantile } from './random.ts';
import { ASSUMPTIONS as A } from './targets.ts';
import { CHILD, PARENT, HEAD, SPOUSE, type Members } from './household.ts';

/** The 22 central and western provinces of the poverty-alleviation campaign (脱贫攻坚), by code prefix. */
export const ALLEVIATION_PROVINCES = new Set(['13', '14', '15', '22', '23', '34', '36', '41', '42', '43', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);

/** Number of living children of an older person (cohorts born before 1965), [assumption]. */
function childrenCount(s: Stream): number {
  if (s.chance(A.childless.value)) return 0;
  const u = s.next();
  return u < 0.25 ? 1 : u < 0.6 ? 2 : u < 0.85 ? 3 : 4;
}

export interface SupportContext {
  /** the household's income rank in its area (0 … 1) */
  readonly rank: number;
  /** the rank below which a person's income is under the area's edge line (1.5 × the assumed standard) */
  readonly lowRank: number;
}

/**
 * Whether each member has a legal supporter able to support (in or outside the household), from
 * the household's structure and ages, as 43号 §8 reads: an older person is without one when
 * childless and without a capable spouse, or when every child cannot support — severely disabled,
 * or aged 60+ (70+) and poor themselves (the children's income rank is drawn correlated with the
 * household's: the intergenerational correlation). Minors have their parents unless orphaned or
 * unsupported. Adults without work capacity are supported by a capable adult of the household, or
 * by one elsewhere at an assumed rate.
 */
export function supporters(m: Members, childStatus: Uint8Array, ctx: SupportContext, s: Stream, out: Uint8Array): void {
  let capableAdults = 0;
  for (let i = 0; i < m.count; i++) if (m.age[i]! >= 18 && m.age[i]! < 70 && m.ability[i] !== 2) capableAdults++;
  const headElderly = m.age[0]! >= 60;
  for (let i = 0; i < m.count; i++) {
    const age = m.age[i]!;
    const selfCapable = age >= 18 && age < 70 && m.ability[i] !== 2 ? 1 : 0;
    if (age < 18) {
      out[i] = childStatus[i] ? 0 : 1;
      continue;
    }
    if (age >= 60) {
      // Children living with them: the head's children, or the head and spouse for a parent.
      let resident = false;
      for (let j = 0; j < m.count; j++) {
        if (j === i || m.age[j]! < 18 || m.age[j]! >= 60 || m.ability[j] === 2) continue;
        const r = m.relation[j]!;
        if ((m.relation[i] === PARENT && (r === HEAD || r === SPOUSE)) || ((i === 0 || m.relation[i] === SPOUSE) && headElderly && r === CHILD)) resident = true;
      }
      if (resident) {
        out[i] = 1;
        continue;
      }
      const k = childrenCount(s);
      let capable = false;
      if (k > 0) {
        // One income draw for the children (siblings' incomes move together).
        const z = normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, ctx.rank)));
        const r = A.childrenLowIncomeCorrelation.value;
        const childRank = normalCdf(r * z + Math.sqrt(1 - r * r) * s.normal());
        const poor = childRank < ctx.lowRank;
        for (let c = 0; c < k && !capable; c++) {
          const childAge = Math.max(18, age - s.int(22, 35));
          const disabled = s.chance(A.supporterSevereDisability.value);
          capable = !disabled && !(childAge >= 60 && poor);
        }
      }
      // A spouse of working age able to work supports too.
      if (!capable) for (let j = 0; j < m.count; j++) if (j !== i && m.age[j]! >= 18 && m.age[j]! < 60 && m.ability[j] !== 2 && (m.relation[j] === SPOUSE || m.relation[j] === HEAD)) capable = true;
      out[i] = capable ? 1 : 0;
      continue;
    }
    // Working-age adults: someone else of the household able to support, or someone elsewhere.
    const others = capableAdults - selfCapable;
    if (m.ability[i] === 2) out[i] = others > 0 || s.chance(A.adultDisabledSupport.value) ? 1 : 0;
    else out[i] = others > 0 || s.chance(0.2) ? 1 : 0;
  }
}

/** hukou_local, hukou_area (0 urban, 1 rural) and residence_permit of a household. */
export function hukou(urban: boolean, migrant: boolean, s: Stream): { local: number; area: number; permit: number } {
  const urbanHukou = s.chance(migrant ? A.hukouUrbanMigrant.value : urban ? A.hukouUrbanLocal.value : A.hukouUrbanRural.value);
  return { local: migrant ? 0 : 1, area: urbanHukou ? 0 : 1, permit: migrant && s.chance(A.residencePermit.value) ? 1 : 0 };
}

/** Orphans and unsupported children (child_status 1, 2) in skipped-generation households. */
export function childStatus(m: Members, s: Stream, out: Uint8Array): void {
  for (let i = 0; i < m.count; i++) {
    out[i] = 0;
    if (!m.skipped || m.age[i]! >= 18) continue;
    const u = s.next();
    out[i] = u < A.orphan.value ? 1 : u < A.orphan.value + A.unsupportedChild.value ? 2 : 0;
  }
}
