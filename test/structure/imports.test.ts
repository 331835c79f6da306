/**
 * The shape of the whole repository, checked from its import graph (test/support/imports.ts):
 * no import circle anywhere (type imports included); nothing outside simulator/ reaches past its
 * faces (index.ts, and node.ts / browser.ts for the platforms' worker pools); language/ and
 * simulator/ stay environment-agnostic; no source file over 600 lines.
 */
import { describe, it, expect } from 'vitest';
import { circles, importGraph, importsOf, lineCount, sources } from '../support/imports.ts';

const CODE = ['language', 'simulator', 'cli', 'studio', 'bench', 'scripts'];
const ALL = sources(...CODE, 'test');

/** The files a folder shows to the rest of the repository. */
const SIMULATOR_FACES = ['simulator/index.ts', 'simulator/node.ts', 'simulator/browser.ts'];
/** The only platform-bound files of the environment-agnostic folders. */
const PLATFORM_FILES = ['simulator/node.ts', 'simulator/browser.ts', 'simulator/worker/node.ts', 'simulator/worker/node-worker.ts', 'simulator/worker/node-worker-source.mjs'];

describe('the import graph', () => {
  it('is read correctly (a sanity check of the scanner)', () => {
    const text = `import { a } from './a.ts';\n// import { no } from './commented.ts';\nimport type { B } from '../b/b.ts';\nexport * from './c.ts';\nconst d = await import('./d.ts');\nnew Worker(new URL('./w.ts', import.meta.url));\nimport 'node:fs';\nconst doc = \`\nimport { x } from 'node:os';\n\`;\n/* import { y } from './y.ts'; */\n`;
    expect(importsOf('x/y/file.ts', text).map((i) => [i.target, i.typeOnly])).toEqual([
      ['x/y/a.ts', false],
      ['x/b/b.ts', true],
      ['x/y/c.ts', false],
      ['node:fs', false],
      ['x/y/d.ts', false],
      ['x/y/w.ts', false],
    ]);
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importGraph(['cli/main.ts']).get('cli/main.ts')).toContain('cli/commands/index.ts');
  });

  it('has no import circle in the code or the tests', () => {
    expect(circles(importGraph(ALL))).toEqual([]);
  });

  it('reaches simulator/ only through its faces', () => {
    const deep: string[] = [];
    for (const f of ALL.filter((x) => !x.startsWith('simulator/')))
      for (const i of importsOf(f)) if (i.target.startsWith('simulator/') && !SIMULATOR_FACES.includes(i.target)) deep.push(`${f}:${i.line} imports ${i.target}`);
    expect(deep).toEqual([]);
  });

  it('keeps language/ and simulator/ free of node:* (but for the Node worker pool files)', () => {
    const bound: string[] = [];
    for (const f of sources('language', 'simulator').filter((x) => !PLATFORM_FILES.includes(x)))
      for (const i of importsOf(f)) if (/^node:|^(fs|path|os|worker_threads|child_process)$/.test(i.target)) bound.push(`${f}:${i.line} imports ${i.target}`);
    expect(bound).toEqual([]);
  });
});

describe('file sizes', () => {
  it('no source file is over 600 lines', () => {
    const long = sources(...CODE).filter((f) => lineCount(f) > 600).map((f) => `${f}: ${lineCount(f)} lines`);
    expect(long).toEqual([]);
  });
});
