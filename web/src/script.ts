/**
 * Serbian is written in two scripts with a one-to-one mapping (Vuk's alphabet and Gaj's Latin).
 * The page's Cyrillic messages are derived from the Latin ones here, so no third file can fall out
 * of step; and search folds both scripts (and diacritics) to one form, so `ђорђе`, `Đorđe` and
 * `dorde` find each other.
 */

const digraphs: Record<string, string> = { lj: 'љ', nj: 'њ', dž: 'џ' };
const letters: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};
const upper = (text: string) => text.toLocaleUpperCase('sr');

/**
 * Words that stay as written: placeholders (`{count}`), addresses and paths, acronyms (CSV, ID),
 * and words with letters Serbian does not have (q, w, x, y: names, English terms).
 */
const keep = /(\{\w+\}|[\w.+:-]*[@/][\w./@%#?=&+-]*|(?<!\p{L})\p{Lu}{2,}(?!\p{L})|(?<!\p{L})[\p{L}-]*[qwxyQWXY][\p{L}-]*)/u;

function word(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    const lowerTwo = two.toLowerCase();
    if (digraphs[lowerTwo]) {
      const cyr = digraphs[lowerTwo]!;
      out += two[0] === two[0]!.toLowerCase() ? cyr : upper(cyr);
      i++;
      continue;
    }
    const one = text[i]!;
    const mapped = letters[one.toLowerCase()];
    out += mapped === undefined ? one : one === one.toLowerCase() ? mapped : upper(mapped);
  }
  return out;
}

/** Serbian Latin to Cyrillic, leaving placeholders, addresses, acronyms and foreign words intact. */
export function toCyrillic(text: string): string {
  return text
    .split(new RegExp(keep.source, 'gu'))
    .map((part, index) => (index % 2 === 1 ? part : word(part)))
    .join('');
}

const toLatinMap: Record<string, string> = Object.fromEntries([
  ...Object.entries(letters).map(([latin, cyr]) => [cyr, latin]),
  ...Object.entries(digraphs).map(([latin, cyr]) => [cyr, latin]),
]);

/** Serbian Cyrillic to Latin (lower case is enough for search). */
export const toLatin = (text: string) => [...text.toLowerCase()].map((ch) => toLatinMap[ch] ?? ch).join('');

/**
 * One form for search in either script: Cyrillic as Latin, lower case, no diacritics, đ as d, so
 * "ljajic", "Љајић" and "Ljajić" are the same text.
 */
export const fold = (text: string) =>
  toLatin(text)
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // "Djordje" is how "Đorđe" is typed without the letter: both fold to "dorde", as the server matches names.
    .replace(/dj/g, 'd');
