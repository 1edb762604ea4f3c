import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The page's words live in web/src/messages/*.json. Every language has every key (plural forms
 * aside, which follow each language's own rules), and every key the code names exists.
 */

const dir = fileURLToPath(new URL('../../web/src/messages/', import.meta.url));
const src = fileURLToPath(new URL('../../web/src/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
const messages = Object.fromEntries(files.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as Record<string, unknown>]));
const pluralForm = /\.(zero|one|two|few|many|other)$/;
const base = (keys: string[]) => new Set(keys.filter((key) => key !== '_meta').map((key) => key.replace(pluralForm, '')));

function sources(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(`${path}${entry.name}/`) : /\.tsx?$/.test(entry.name) ? [readFileSync(`${path}${entry.name}`, 'utf8')] : [],
  );
}

describe('message files', () => {
  it('are Serbian (Latin script, the default) and English, each naming its language and locale', () => {
    expect(Object.keys(messages).sort()).toEqual(['en', 'sr-Latn']);
    for (const file of Object.values(messages)) expect(file._meta).toMatchObject({ name: expect.any(String), locale: expect.any(String) });
  });

  it('have the same keys in every language, and an `other` form for each plural', () => {
    const serbian = base(Object.keys(messages['sr-Latn']!));
    for (const [tag, file] of Object.entries(messages)) {
      expect([...base(Object.keys(file))].sort(), tag).toEqual([...serbian].sort());
      for (const key of Object.keys(file).filter((one) => pluralForm.test(one))) expect(file[key.replace(pluralForm, '.other')], `${tag} ${key}`).toBeTypeOf('string');
    }
  });

  it('give Serbian Cyrillic, derived from the Latin file, with every key and the placeholders intact', async () => {
    // i18n.ts reads the files through Vite (import.meta.glob): loaded here as the page loads it, untyped for Node's tsc.
    const i18n = '../../web/src/i18n.js';
    const { languages } = (await import(i18n)) as { languages: { tag: string; locale: string; messages: Record<string, string> }[] };
    const cyrillic = languages.find((language) => language.tag === 'sr-Cyrl')!;
    const latin = languages.find((language) => language.tag === 'sr-Latn')!;
    expect(Object.keys(cyrillic.messages).sort()).toEqual(Object.keys(latin.messages).sort());
    expect(cyrillic.locale).toBe('sr-Cyrl-RS');
    expect(cyrillic.messages['nav.workshops']).toBe('Радионице');
    for (const [key, text] of Object.entries(latin.messages)) expect(cyrillic.messages[key]!.match(/\{\w+\}/g), key).toEqual(text.match(/\{\w+\}/g));
  });

  it('hold every key the code names', () => {
    const code = sources(src).join('\n');
    const named = new Set([...code.matchAll(/\b(?:t|plural)\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((match) => match[1]!));
    const keys = base(Object.keys(messages['sr-Latn']!));
    expect([...named].filter((key) => !keys.has(key))).toEqual([]);
  });
});
