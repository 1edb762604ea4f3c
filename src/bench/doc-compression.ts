/**
 * What compressing the views' JSON documents would save and cost: for each document view, its
 * documents' bytes as stored, deflated one by one with a dictionary taken from the view's own
 * documents (as a runner would have to, a document being read and written alone), and the time
 * to deflate and inflate one. A probe for docs/design.md, not a feature: the views store JSON.
 *
 *   [DICTIONARY_KIB=32] npx tsx src/bench/doc-compression.ts [DATA_DIR]   (default .bench-data/log-1000000-seed-1)
 */
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';

const dataDir = process.argv[2] ?? '.bench-data/log-1000000-seed-1';
const views = new Database(join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
/** The dictionary (DICTIONARY_KIB, default 32, zlib's window: a longer one is not used); a shorter one costs less per call. */
const DICTIONARY_BYTES = Number(process.env.DICTIONARY_KIB ?? 32) * 1024;
const SAMPLE = 2_000;

try {
  const tables = views.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'view_%' AND sql LIKE '%doc TEXT%'`).pluck().all() as string[];
  let stored = 0;
  let deflated = 0;
  console.log(`${join(dataDir, 'views.db')}: documents deflated one by one, with a ${DICTIONARY_BYTES / 1024} KiB dictionary per view`);
  console.log('   stored → deflated MiB  deflate µs  inflate µs  view');
  for (const table of tables) {
    const total = (views.prepare(`SELECT coalesce(sum(length(doc)), 0) FROM "${table}"`).pluck().get() as number) ?? 0;
    if (total < 2 ** 20) continue;
    // The dictionary from one half of the rows, measured on the other, so that no document is its own dictionary.
    const dictionary = Buffer.from((views.prepare(`SELECT doc FROM "${table}" WHERE rowid % 2 = 0 LIMIT 400`).pluck().all() as string[]).join('')).subarray(-DICTIONARY_BYTES);
    const sample = (views.prepare(`SELECT doc FROM "${table}" WHERE rowid % 2 = 1 LIMIT ?`).pluck().all(SAMPLE) as string[]).map((doc) => Buffer.from(doc));
    const raw = sample.reduce((sum, doc) => sum + doc.length, 0);
    let started = performance.now();
    const packed = sample.map((doc) => deflateRawSync(doc, { dictionary }));
    const deflateMicros = ((performance.now() - started) * 1000) / sample.length;
    started = performance.now();
    for (const doc of packed) inflateRawSync(doc, { dictionary });
    const inflateMicros = ((performance.now() - started) * 1000) / sample.length;
    const ratio = packed.reduce((sum, doc) => sum + doc.length, 0) / raw;
    stored += total;
    deflated += total * ratio;
    console.log(`${mib(total).padStart(8)} → ${mib(total * ratio).padStart(6)}  ${deflateMicros.toFixed(0).padStart(10)}  ${inflateMicros.toFixed(0).padStart(10)}  ${table}`);
  }
  console.log(`${mib(stored).padStart(8)} → ${mib(deflated).padStart(6)}  in all`);
} finally {
  views.close();
}
