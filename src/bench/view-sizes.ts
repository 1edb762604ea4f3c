/**
 * What takes the room in a views.db: each table and index in MiB (SQLite's dbstat), and the average
 * size of a document view's documents.
 *
 *   npx tsx src/bench/view-sizes.ts [DATA_DIR]   (default .bench-data/log-1000000-seed-1)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dataDir = process.argv[2] ?? '.bench-data/log-1000000-seed-1';
const views = new Database(join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
try {
  const sizes = views.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`).all() as { name: string; bytes: number }[];
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(`${join(dataDir, 'views.db')}: ${mib(total)} MiB in tables and indexes`);
  for (const { name, bytes } of sizes) {
    if (bytes < 2 ** 20) continue;
    const columns = (views.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]) ?? [];
    // A document view keeps its JSON in `doc`.
    const average = columns.includes('doc') ? (views.prepare(`SELECT avg(length(doc)) FROM "${name}"`).pluck().get() as number | null) : null;
    console.log(`${mib(bytes).padStart(8)} MiB  ${name}${average ? ` (documents ${Math.round(average)} bytes on average)` : ''}`);
  }
} finally {
  views.close();
}
