/**
 * The service answers, and never throws, on files being edited: seeded random deletions and
 * insertions in shipped policies, with every feature asked at random positions.
 */
import { describe, expect, it } from 'vitest';
import { formatSource } from '../../studio/language/format.ts';
import { repositoryService } from './language-support.ts';

describe('a file in the middle of an edit', () => {
  it('gets diagnostics, completion, hover, definition, rename, format and compile without an exception', () => {
    const { service, files } = repositoryService();
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const paths = ['policies/national/framework.doudi', 'docs/examples/zh.doudi', 'policies/guangdong/guangdong.doudi', 'policies/reforms/liaocheng-tiers.doudi'];
    const junk = ['(', ')', '{', '}', ':', '=', ' if ', '"', '[', '如果', 'match x {', '|', '=>', '\n', '..', '.', '-', '¥', '成员 满足'];
    for (let i = 0; i < 40; i++) {
      const path = paths[i % paths.length]!;
      const original = files[path]!;
      const at = Math.floor(random() * original.length);
      const text = random() < 0.5 ? original.slice(0, at) + original.slice(at + Math.floor(random() * 40)) : original.slice(0, at) + junk[Math.floor(random() * junk.length)] + original.slice(at);
      service.setFiles({ [path]: text }, true);
      const lines = text.split('\n');
      const run = () => {
        expect(service.diagnostics()[path]).toBeDefined();
        for (let k = 0; k < 6; k++) {
          const line = 1 + Math.floor(random() * lines.length);
          const column = 1 + Math.floor(random() * (lines[line - 1]!.length + 1));
          service.complete(path, { line, column });
          service.hover(path, { line, column }, { date: '2024-07-01' });
          service.definition(path, { line, column });
          service.checkRename(path, { line, column });
          service.rename(path, { line, column }, 'renamed_here');
        }
        service.compile(path);
        // the formatter refuses (null) or keeps every token; it never throws
        formatSource(path, text);
      };
      expect(run, `${path} edit ${i}`).not.toThrow();
      service.setFiles({ [path]: original }, true);
    }
  });
});
