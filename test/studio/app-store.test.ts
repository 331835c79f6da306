/** What the studio keeps between visits: a versioned schema behind an injectable storage, latest-wins writes. */
import { describe, expect, it } from 'vitest';
import { LatestWriter, memoryStorage, migrate, SCHEMA_VERSION, StudioStore, type KeyValueStorage, type SavedWorkspace } from '../../studio/app/state/store.ts';
import { DEFAULT_SCENARIO } from '../../studio/app/state/scenario.ts';
import * as W from '../../studio/app/state/workspace.ts';

const SHIPPED = {
  'policies/shanghai/shanghai.doudi': 'policy shanghai',
  'policies/national/framework.doudi': 'framework',
  'policies/reforms/raise-standard.doudi': 'reform',
};

describe('store', () => {
  it('restores what it saved, in an envelope with the schema version', async () => {
    const storage = memoryStorage();
    const store = new StudioStore(storage);
    const ws: SavedWorkspace = { files: { 'policies/shanghai/shanghai.doudi': 'edited' }, removed: [], open: ['policies/shanghai/shanghai.doudi'], active: 'policies/shanghai/shanghai.doudi' };
    await store.saveWorkspace(ws);
    await store.saveScenarios({ current: { ...DEFAULT_SCENARIO, sets: { dibao_standard: '1700' } }, saved: [] });
    expect(storage.map.get('workspace')).toMatchObject({ schema: SCHEMA_VERSION, data: ws });
    const again = new StudioStore(storage);
    expect(await again.loadWorkspace()).toEqual(ws);
    expect((await again.loadScenarios())?.current.sets).toEqual({ dibao_standard: '1700' });
  });

  it('writes the latest state of a burst of edits, never two at once', async () => {
    const written: string[] = [];
    let active = 0;
    let most = 0;
    const slow: KeyValueStorage = {
      get: async () => undefined,
      delete: async () => undefined,
      set: async (_k, v) => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 5));
        written.push((v as { data: SavedWorkspace }).data.files.f!);
        active--;
      },
    };
    const store = new StudioStore(slow);
    const saves = ['a', 'ab', 'abc', 'abcd'].map((t) => store.saveWorkspace({ files: { f: t }, removed: [], open: [], active: '' }));
    await Promise.all(saves);
    expect(most).toBe(1);
    expect(written[0]).toBe('a');
    expect(written.at(-1)).toBe('abcd');
    expect(written.length).toBeLessThanOrEqual(2);
  });

  it('keeps going after a failed write, and says so', async () => {
    let fail = true;
    const map = new Map<string, unknown>();
    const flaky: KeyValueStorage = {
      get: async (k) => map.get(k),
      delete: async (k) => void map.delete(k),
      set: async (k, v) => {
        if (fail) throw new Error('quota');
        map.set(k, v);
      },
    };
    const store = new StudioStore(flaky);
    await store.saveWorkspace({ files: { f: '1' }, removed: [], open: [], active: '' });
    expect(String(store.writeError)).toContain('quota');
    fail = false;
    await store.saveWorkspace({ files: { f: '2' }, removed: [], open: [], active: '' });
    expect(store.writeError).toBeUndefined();
    expect((await store.loadWorkspace())?.files.f).toBe('2');
  });

  it('migrates a record from before envelopes, and leaves a newer schema alone', () => {
    expect(migrate('workspace', { files: { a: 'x' }, open: ['a'] })).toEqual({ files: { a: 'x' }, removed: [], open: ['a'], active: 'a' });
    expect(migrate('workspace', { schema: SCHEMA_VERSION + 1, data: { files: {}, removed: [], open: [], active: '' } })).toBeUndefined();
    expect(migrate('workspace', { schema: 1, data: { files: { a: 3 }, removed: [], open: [], active: '' } })).toBeUndefined();
    expect(migrate('workspace', 'garbage')).toBeUndefined();
    expect(migrate('scenarios', { schema: 1, data: { current: DEFAULT_SCENARIO, saved: [] } })).toEqual({ current: DEFAULT_SCENARIO, saved: [] });
  });

  it('reads nothing from broken storage rather than failing', async () => {
    const broken: KeyValueStorage = { get: async () => Promise.reject(new Error('blocked')), set: async () => undefined, delete: async () => undefined };
    expect(await new StudioStore(broken).loadWorkspace()).toBeUndefined();
  });

  it('flushes pending writes', async () => {
    const w = new LatestWriter<number>(async () => new Promise((r) => setTimeout(r, 2)));
    void w.put(1);
    void w.put(2);
    await w.flush();
    expect(w.lastError).toBeUndefined();
  });
});

describe('workspace', () => {
  it('starts on the shipped files with Shanghai active', () => {
    const w = W.restoreWorkspace(SHIPPED);
    expect(w.active).toBe('policies/shanghai/shanghai.doudi');
    expect(w.open).toEqual(W.DEFAULT_OPEN);
    expect(W.changedFiles(w)).toEqual({});
  });

  it('saves only what differs from the shipped files, and lays it back over them', () => {
    let w = W.restoreWorkspace(SHIPPED);
    w = W.editFile(w, 'policies/shanghai/shanghai.doudi', 'policy shanghai # edited');
    w = W.addFile(w, W.localPath(w, 'My reform.doudi'), 'policy mine');
    const saved = W.toSaved(w);
    expect(Object.keys(saved.files).sort()).toEqual(['policies/local/My-reform.doudi', 'policies/shanghai/shanghai.doudi']);
    const back = W.restoreWorkspace(SHIPPED, saved);
    expect(back.files).toEqual(w.files);
    expect(back.active).toBe('policies/local/My-reform.doudi');
    expect(W.isModified(back, 'policies/shanghai/shanghai.doudi')).toBe(true);
    expect(W.isModified(W.revertFile(back, 'policies/shanghai/shanghai.doudi'), 'policies/shanghai/shanghai.doudi')).toBe(false);
  });

  it('opens, closes and names files', () => {
    let w = W.restoreWorkspace(SHIPPED);
    w = W.closeTab(w, 'policies/shanghai/shanghai.doudi');
    expect(w.active).toBe('policies/national/framework.doudi');
    w = W.openFile(w, 'policies/shanghai/shanghai.doudi');
    expect(w.open.at(-1)).toBe('policies/shanghai/shanghai.doudi');
    expect(W.localPath(w, 'a b.doudi')).toBe('policies/local/a-b.doudi');
    const x = W.addFile(w, 'policies/local/a-b.doudi', '');
    expect(W.localPath(x, 'a b.doudi')).toBe('policies/local/a-b-2.doudi');
    expect(W.policyFiles({ ...SHIPPED, 'policies/shanghai/shanghai.test.doudi': '', 'policies/shanghai/examples/household.json': '{}' })).toEqual(Object.keys(SHIPPED).sort());
  });
});

describe('files opened from disk', () => {
  it('refuses what cannot be a policy, naming the file and why', () => {
    expect(W.openProblem('a.doudi', 120, 'policy a "甲"\n')).toBeUndefined();
    expect(W.openProblem('big.doudi', 5_000_000)).toBe('big.doudi: 5.0 MB is too large for a policy file (at most 2 MB)');
    expect(W.openProblem('img.png', 10, '\u0089PNG\r\n\u001a\n\u0000\u0000')).toBe('img.png: not a text file (a NUL byte at character 9)');
    expect(W.openProblem('gbk.doudi', 30, 'policy a\n# \ufffd\ufffd\n')).toBe('gbk.doudi: line 2 is not UTF-8 text (save the file as UTF-8)');
  });
});
