import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's folder (the one with package.json): the server reads schema/ and web/dist/
 * from it, whether it runs from src/ under tsx or compiled, from dist/src/.
 */
export const projectRoot = ((): string => {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('centre-ledger cannot find its package.json above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  return folder;
})();
