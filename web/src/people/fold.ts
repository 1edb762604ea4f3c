/** Serbian Cyrillic to Latin, letter for letter. */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj',
  м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č',
  џ: 'dž', ш: 'š',
};

/**
 * Text as searches compare it: lower case, Latin script, without diacritics; `đ` and `dj` both
 * `d`. So "Хоџић", "hodzic" and "Hodžić" are found by one another, as the server matches names.
 */
export function foldForSearch(text: string): string {
  let latin = '';
  for (const char of text.normalize('NFC').toLowerCase()) latin += CYRILLIC[char] ?? char;
  return latin.replace(/đ/g, 'd').normalize('NFD').replace(/\p{M}/gu, '').replace(/dj/g, 'd');
}
