/**
 * The JSON Schema of a release folder's household input agrees with the module it describes: it is
 * a valid draft 2020-12 schema, every record the module accepts (the policy's test vectors, Chinese
 * field names, numbers as text, optional fields left out) is valid under it, and it refuses what
 * the module refuses for its shape (unknown or doubled fields, wrong types, out of range, missing
 * fields). The module checks more than a schema can say (two decimals exactly, a member's
 * household_id), so the schema is never stricter than the module. Validated by Python's
 * `jsonschema` (installed by .ci/run); skipped with a message where it is absent.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emitModule, instantiate, releaseFiles, LANGUAGE_VERSION } from '../../language/index.ts';
import { loadIR } from '../support/policies.ts';

const hasValidator = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' }).status === 0;
const required = process.env.DOUDI_REQUIRE_ENGINES === '1';

const VALIDATE = `
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
records = json.load(open(sys.argv[2]))
print(json.dumps([sorted(set(e.json_path for e in v.iter_errors(r))) for r in records]))
`;

describe('the household JSON Schema of a release folder', () => {
  it.skipIf(!hasValidator && !required)(`agrees with the module's validate()${hasValidator ? '' : ' (skipped: python3 -m pip install jsonschema)'}`, () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const tests = loadIR('policies/shanghai/shanghai.test.doudi');
    const files = releaseFiles({ ir, sources: new Map(), testFiles: [], tested: [tests], version: LANGUAGE_VERSION, hash: () => '' });
    const schema = files.find((f) => f.name.endsWith('.schema.json'))!.text;
    const vectors = JSON.parse(files.find((f) => f.name.endsWith('.tests.json'))!.text).vectors as { household: Record<string, unknown> & { members: Record<string, unknown>[] } }[];
    const m = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
    const base = vectors[0]!.household;
    const member = base.members[0]!;
    const withoutKey = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k));
    const chinese = Object.fromEntries(Object.entries(member).map(([k, v]) => [k === 'age' ? '年龄' : k === 'wage_income' ? '工资性收入' : k, v]));
    const good = [
      ...vectors.map((v) => v.household),
      { ...base, members: [chinese] },
      { ...withoutKey(base, 'members'), 成员: [member] },
      { ...base, vehicles: '2', last_benefit: '12.50', region: 310101, hukou_local: 'true' },
      withoutKey(withoutKey(base, 'hukou_area'), 'last_dibao_status'),
      withoutKey(base, 'household_id'),
      { ...base, members: [] },
    ];
    const bad = [
      { ...base, vehicles: -1 },
      { ...base, vehicles: 2.5 },
      { ...base, area: 'suburb' },
      { ...base, colour: 'blue' },
      { ...base, region: '31' },
      { ...base, members: 'none' },
      { ...base, members: [7] },
      { ...base, members: [{ ...member, age: 'forty' }] },
      { ...base, members: [{ ...member, 年龄: 40 }] },
      { ...base, members: [{ ...member, wage_income: -5 }] },
      { ...base, members: [{ ...member, disability_grade: 9 }] },
      { ...base, last_benefit: 30000000 },
      withoutKey(base, 'weight'),
      withoutKey(base, 'members'),
      { ...base, members: [member], 成员: [member] },
      { ...base, members: Array.from({ length: 101 }, () => member) },
    ];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-schema-'));
    try {
      fs.writeFileSync(path.join(tmp, 'schema.json'), schema);
      fs.writeFileSync(path.join(tmp, 'records.json'), JSON.stringify([...good, ...bad]));
      const r = spawnSync('python3', ['-c', VALIDATE, path.join(tmp, 'schema.json'), path.join(tmp, 'records.json')], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.stderr).toBe('');
      const errors = JSON.parse(r.stdout) as string[][];
      good.forEach((g, i) => {
        expect(m.validate(g), `record ${i} for the module`).toEqual([]);
        expect(errors[i], `record ${i} for the schema`).toEqual([]);
      });
      bad.forEach((b, i) => {
        expect(m.validate(b).length, `bad record ${i} for the module`).toBeGreaterThan(0);
        expect(errors[good.length + i]!.length, `bad record ${i} (${JSON.stringify(b).slice(0, 80)}) for the schema`).toBeGreaterThan(0);
      });
      // What only the module can say: two decimals exactly.
      const fen = { ...base, members: [{ ...member, wage_income: 2000.005 }] };
      expect(m.validate(fen)).toEqual([{ field: 'members[0].wage_income', reason: '2000.005 has more than two decimals (money is exact to the fen)' }]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
