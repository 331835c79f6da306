/**
 * Synthetic populations: seeded, deterministic households and members in the schema's columns.
 * Each household draws from its own streams (seed, household index, purpose), so household h is
 * the same whatever the population size, and generation can be split across workers.
 *
 * A household is drawn in this order: where it lives (province, city, urban or rural, by the
 * province table), its size (the census's shape at the province's average size), its members and
 * their health (household.ts, the types with older members tilted to the province's share aged
 * 60+), its hardship class, its income rank (a Gaussian copula with the
 * hardship score, copula.ts, so the area's distribution stays exactly the fitted one), its income
 * level (the area's Lorenz curve at the province's mean, lorenz.ts), the split of that income by
 * source before assistance (money.ts), hukou, supporters and the version 2 flags (people.ts).
 * Beside the family households, on a stream of its own, a record may be a resident of an
 * institution (集中供养, institutions.ts): one person, drawn in proportion to the province's.
 */
import { allocPopulation, type PopulationColumns } from '../../language/index.ts';
import { streamFor, cumulative, uniform3 } from './random.ts';
import { regionProfile, centralBasicPension, over60Target, type RegionProfile } from './targets.ts';
import { PROVINCES, CITY_URBAN_SOURCE, cityIncomeFactor, cityUrbanShare, type Province } from './provinces.ts';
import { Members, drawMembers, householdSize, sizeCumulative, elderlyTilt, ELDERLY_ONLY, CLASSES } from './household.ts';
import { areaCurves, provinceMean, provinceSpread, provinceHeadcount, assumedStandard, type AreaCurves } from './income.ts';
import { solveCopula, type Copula } from './copula.ts';
import { fillHousehold, columnsOf, type MoneyContext } from './money.ts';
import { fillInstitution, institutionRatio, INSTITUTIONS } from './institutions.ts';

export class PopulationError extends Error {}

export interface GenerateOptions {
  /** 6-digit region code: 100000 the whole country, a province (XX0000), or a place inside one */
  readonly region: string;
  readonly year: number;
  readonly households: number;
  readonly seed: number;
  /** real households the population stands for; required for a place without a known total */
  readonly realHouseholds?: number;
}

export interface PopulationMeta {
  readonly region: string;
  readonly regionName: string;
  readonly year: number;
  readonly seed: number;
  readonly households: number;
  readonly persons: number;
  /** real households each record stands for */
  readonly weight: number;
  readonly realHouseholds: number;
  /** where the generator stood in for missing figures */
  readonly notes: readonly string[];
}

export interface SyntheticPopulation {
  readonly columns: PopulationColumns;
  readonly meta: PopulationMeta;
}

// Purposes: independent streams per household.
const P_SHAPE = 1;
const P_PEOPLE = 2;
const P_MONEY = 3;
/** whether a record is a resident of an institution (its own stream, so family households keep their draws) */
const P_INSTITUTION = 4;
/** the copula's reference sample is drawn under this seed, whatever the population's */
const REFERENCE_SEED = 0x5eed;
const REFERENCE_HOUSEHOLDS = 1 << 16;

/** Where each part of a region draws from: its province, sizes, cities. */
interface Part {
  readonly province: Province;
  readonly sizes: readonly number[];
  /** the composition's tilt giving the province's share aged 60+ (household.ts) */
  readonly tilt: number;
  /** the chance that a record of this part is a resident of an institution (institutions.ts) */
  readonly institutional: number;
  readonly cities?: readonly number[];
  readonly cityCodes?: readonly number[];
  /** each city's share of residents in towns (the province's where the city table has none) */
  readonly cityUrban: readonly number[];
}

interface Shapes {
  readonly parts: readonly Part[];
  readonly partCumulative: readonly number[];
}

function shapesOf(profile: RegionProfile, year: number): Shapes {
  const parts = profile.parts.map((x) => {
    const sizes = sizeCumulative(x.province.householdSize.value);
    const r = institutionRatio(x.province);
    return {
      province: x.province,
      sizes,
      tilt: elderlyTilt(over60Target(x.province, year).value, sizes, x.province.urbanShare.value),
      institutional: r / (1 + r),
      cities: x.cities && x.cities.length > 1 ? cumulative(x.cities.map((c) => c.share)) : undefined,
      cityCodes: x.cities?.map((c) => Number(c.code)),
      cityUrban: x.cities ? x.cities.map((c) => cityUrbanShare(x.province, c.code)) : [x.province.urbanShare.value],
    };
  });
  // A part's records are its family households and its residents of institutions.
  return { parts, partCumulative: cumulative(profile.parts.map((x) => x.share * (1 + institutionRatio(x.province)))) };
}

/** Whether record h is a resident of an institution (a draw of its own, apart from its shape, which it keeps). */
const isInstitution = (shapes: Shapes, seed: number, h: number, part: number): boolean => uniform3(seed, h, P_INSTITUTION) < shapes.parts[part]!.institutional;

/** A household's place, area and size, from its shape stream (the first pass needs only these). */
function drawShape(shapes: Shapes, seed: number, h: number): { part: number; city: number; region: number; urban: boolean; size: number } {
  const s = streamFor(seed, h, P_SHAPE);
  const part = shapes.parts.length > 1 ? s.pick(shapes.partCumulative) : 0;
  const x = shapes.parts[part]!;
  const city = x.cities ? s.pick(x.cities) : 0;
  const region = x.cityCodes ? x.cityCodes[city]! : Number(x.province.code);
  const urban = s.next() < x.cityUrban[city]!;
  const size = householdSize(s, x.sizes);
  return { part, city, region, urban, size };
}

/** The copula of each area, with its reference sample: a pure function of the region (cached). */
interface Joint {
  readonly urban: Copula;
  readonly rural: Copula;
  /** share of urban persons living in households that are not only elderly (for the migrant rate) */
  readonly urbanNonElderly: number;
}

const jointCache = new Map<string, Joint>();

function jointFor(profile: RegionProfile, shapes: Shapes, curves: AreaCurves): Joint {
  const key = `${profile.code}/${curves.year}`;
  const hit = jointCache.get(key);
  if (hit) return hit;
  const weights = { urban: new Float64Array(CLASSES), rural: new Float64Array(CLASSES) };
  const m = new Members();
  let urbanPersons = 0;
  let urbanNonElderly = 0;
  for (let h = 0; h < REFERENCE_HOUSEHOLDS; h++) {
    const shape = drawShape(shapes, REFERENCE_SEED, h);
    drawMembers(shape.size, shape.urban, streamFor(REFERENCE_SEED, h, P_PEOPLE), m, shapes.parts[shape.part]!.tilt);
    const bits = m.hardship();
    (shape.urban ? weights.urban : weights.rural)[bits]! += m.count;
    if (shape.urban) {
      urbanPersons += m.count;
      if (!(bits & ELDERLY_ONLY)) urbanNonElderly += m.count;
    }
  }
  // The β are solved once, on the whole country's reference sample; a region reuses them.
  const national = profile.code === '100000' ? undefined : jointFor(regionProfile('100000')!, shapesOf(regionProfile('100000')!, curves.year), curves);
  const joint = {
    urban: solveCopula('urban', weights.urban, curves.urban.curve, national?.urban),
    rural: solveCopula('rural', weights.rural, curves.rural.curve, national?.rural),
    urbanNonElderly: urbanPersons ? urbanNonElderly / urbanPersons : 1,
  };
  jointCache.set(key, joint);
  return joint;
}

/** The copulas a population of a region and year uses (for the calibration report). */
export function hardshipCopulas(region: string, year: number): { urban: Copula; rural: Copula } {
  const profile = regionProfile(region);
  if (!profile) throw new PopulationError(`region ${region}: no statistics for this region`);
  return jointFor(profile, shapesOf(profile, year), areaCurves(year));
}

function check(o: GenerateOptions): RegionProfile {
  if (!/^\d{6}$/.test(o.region)) throw new PopulationError(`region ${o.region}: expected a 6-digit code (100000 is the whole country)`);
  if (!Number.isInteger(o.households) || o.households < 1 || o.households > 20_000_000) throw new PopulationError(`households ${o.households}: expected a whole number from 1 to 20,000,000`);
  if (!Number.isInteger(o.seed)) throw new PopulationError(`seed ${o.seed}: expected a whole number`);
  if (!Number.isInteger(o.year) || o.year < 1990 || o.year > 2100) throw new PopulationError(`year ${o.year}: expected a year from 1990 to 2100`);
  const profile = regionProfile(o.region);
  if (!profile)
    throw new PopulationError(`region ${o.region}: no statistics for this region; known are 100000 (the whole country) and the 31 provinces (${PROVINCES.map((p) => p.code).join(', ')}) and places inside them`);
  if (o.realHouseholds !== undefined && !(o.realHouseholds > 0)) throw new PopulationError(`real households ${o.realHouseholds}: expected a positive number`);
  return profile;
}

export function generatePopulation(o: GenerateOptions): SyntheticPopulation {
  const profile = check(o);
  const notes: string[] = [];
  const families = o.realHouseholds ?? profile.households?.value;
  if (families === undefined)
    throw new PopulationError(`region ${o.region} has no known number of real households; give it with --real-households N (known: 100000, the provinces, and the cities of 440000 and 330000)`);
  if (profile.households && o.realHouseholds === undefined && profile.households.tag !== 'S') notes.push(`${profile.name}: ${Math.round(families).toLocaleString('en')} real households (${profile.households.source})`);
  // Records: the family households and, beside them, the residents of institutions (one record each).
  const residents = profile.parts.reduce((a, x) => a + x.share * institutionRatio(x.province), 0);
  // Given real households stand for every record; known ones are family households, to which the residents add.
  const real = o.realHouseholds ?? families * (1 + residents);
  notes.push(`${Math.round(families * residents).toLocaleString('en')} residents of institutions (集中供养) drawn as one-person records beside the family households: ${INSTITUTIONS.persons.value.toLocaleString('en')} nationally [M], spread by rural residents aged 60+ (institutions.ts)`);
  if (profile.parts.length === 1 && profile.code !== profile.parts[0]!.province.code) notes.push(`${o.region}: the incomes of ${profile.parts[0]!.province.name} (${profile.parts[0]!.province.code}) are used`);
  const curves = areaCurves(o.year);
  notes.push(...curves.notes);
  for (const x of profile.parts)
    if (x.province.cities && x.cities && x.cities.length > 1) notes.push(`${x.province.name}: each city's incomes are the province's × the city's income level (its all-residents income net of its share in towns) over the province's average (city incomes from memory, [M])${x.province.cities.some((c) => c.urban !== undefined) ? `; each city's households live in towns at its own share (${CITY_URBAN_SOURCE} [M])` : ''}`);
  if (o.region !== '100000') notes.push(`provincial incomes are the national area shape at the province's own mean, its log-spread × θ₀ (the provinces together give the national quintiles) × its own inequality index (ln of its urban/rural income ratio over the nation's) (${profile.parts.map((p) => p.province.code).join(', ')}): no provincial quintiles were found (assumption)`);
  const shapes = shapesOf(profile, o.year);
  const joint = jointFor(profile, shapes, curves);

  // Per part, city and area: the income scale, the edge-line rank, the assumed standard, the migrant rate.
  const contexts = shapes.parts.map((x) => (x.cityCodes ?? [Number(x.province.code)]).map((code) => contextsOf(x.province, String(code))));
  function contextsOf(province: Province, code: string): MoneyContext[] {
    return (['urban', 'rural'] as const).map((area): MoneyContext => {
      const mean = provinceMean(province, o.year, area) * cityIncomeFactor(province, code, area);
      const fit = curves[area];
      const standard = assumedStandard(province, o.year, area);
      const spread = provinceSpread(o.year, area, PROVINCES, province);
      return {
        year: o.year,
        urban: area === 'urban',
        province,
        mean: mean * spread.scale,
        theta: spread.theta,
        median: mean * spread.scale * fit.curve.slope(0.5) ** spread.theta,
        curve: fit.curve,
        copula: joint[area],
        standard,
        lowRank: provinceHeadcount(province, o.year, area, 1.5 * standard * 12, PROVINCES, code),
        centralPension: centralBasicPension(o.year).value * 100,
        sources: curves.targets.sources,
        migrantRate: area === 'urban' ? Math.min(0.9, province.migrantShare.value / (province.urbanShare.value * joint.urbanNonElderly)) : 0.02,
        noRuralHukou: province.cities?.find((c) => c.code === code)?.noRuralHukou,
      };
    });
  }

  // First pass: sizes (from each household's shape stream), to size the person columns.
  const n = o.households;
  const sizes = new Uint8Array(n);
  const resident = new Uint8Array(n);
  let persons = 0;
  for (let h = 0; h < n; h++) {
    const shape = drawShape(shapes, o.seed, h);
    resident[h] = isInstitution(shapes, o.seed, h, shape.part) ? 1 : 0;
    sizes[h] = resident[h] ? 1 : shape.size;
    persons += sizes[h]!;
  }
  const pop = allocPopulation(n, persons);
  const weight = real / n;
  const C = columnsOf(pop);
  const m = new Members();
  const centralPension = centralBasicPension(o.year).value * 100;
  let p = 0;
  for (let h = 0; h < n; h++) {
    const shape = drawShape(shapes, o.seed, h);
    const people = streamFor(o.seed, h, P_PEOPLE);
    pop.memberStart[h] = p;
    C.weight[h] = weight;
    if (resident[h]) {
      fillInstitution(C, h, p, shape.region, centralPension, people);
      p += 1;
      continue;
    }
    const money = streamFor(o.seed, h, P_MONEY);
    C.region[h] = shape.region;
    C.area[h] = shape.urban ? 0 : 1;
    drawMembers(shape.size, shape.urban, people, m, shapes.parts[shape.part]!.tilt);
    fillHousehold(C, h, p, m, contexts[shape.part]![shape.city]![shape.urban ? 0 : 1]!, people, money);
    p += m.count;
  }
  pop.memberStart[n] = p;
  return {
    columns: pop,
    meta: { region: o.region, regionName: profile.name, year: o.year, seed: o.seed, households: n, persons, weight, realHouseholds: real, notes: [...new Set(notes)] },
  };
}
