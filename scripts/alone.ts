/**
 * Whether a module runs as the script itself (`node --import tsx path/to/file.ts …`), not imported.
 * The name is checked as well as the URL: bundled into dist/bench.js, every module's
 * import.meta.url is the bundle's, which is the script then running.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export function runAlone(url: string, file: string): boolean {
  const arg = process.argv[1];
  return !!arg && path.basename(arg) === file && url === pathToFileURL(path.resolve(arg)).href;
}
