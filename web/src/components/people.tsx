import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { fold } from '../script.js';
import { Field } from './ui.js';

export interface Person {
  id: string;
  code: string;
  givenName: string | null;
  familyName: string | null;
}

export const personName = (person: Pick<Person, 'givenName' | 'familyName' | 'code'>) =>
  person.givenName || person.familyName ? `${person.givenName ?? ''} ${person.familyName ?? ''}`.trim() : person.code;

/** Surname first, then given name, then code: how attendance sheets and registers are ordered. */
export const bySurname = (a: Person, b: Person) =>
  (a.familyName ?? '').localeCompare(b.familyName ?? '', 'sr') || (a.givenName ?? '').localeCompare(b.givenName ?? '', 'sr') || a.code.localeCompare(b.code);

/** Choose a person from a list: search by name or code in either script, then pick. */
export function PersonPicker({ people, value, onChange, label }: { people: Person[]; value: string; onChange: (id: string) => void; label: string }) {
  const [search, setSearch] = useState('');
  const needle = fold(search.trim());
  const sorted = [...people].sort(bySurname);
  const matches = (needle ? sorted.filter((p) => fold(`${personName(p)} ${p.code}`).includes(needle)) : sorted).slice(0, 100);
  const chosen = people.find((p) => p.id === value);
  // One child left by the search is chosen as it is typed (above), and also when the list arrives after the search.
  const only = needle && matches.length === 1 ? matches[0]!.id : null;
  useEffect(() => {
    if (only && only !== value) onChange(only);
  }, [only]);
  return (
    <>
      <Field label={t('people.search')}>
        <input
          type="search"
          value={search}
          autoComplete="off"
          onInput={(e) => {
            setSearch(e.currentTarget.value);
            const found = sorted.filter((p) => fold(`${personName(p)} ${p.code}`).includes(fold(e.currentTarget.value.trim())));
            if (found.length === 1) onChange(found[0]!.id);
          }}
        />
      </Field>
      <Field label={label}>
        <select required value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('common.choose')}</option>
          {chosen && !matches.includes(chosen) ? (
            <option value={chosen.id}>
              {personName(chosen)} ({chosen.code})
            </option>
          ) : null}
          {matches.map((p) => (
            <option key={p.id} value={p.id}>
              {personName(p)} ({p.code})
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
