import type { Group, Sex } from '../api/operations.js';
import { t } from '../i18n.js';
import { Field } from './ui.js';

/** What a registration asks of a child: names, sex, year of birth and group, as the API's RegisterParticipantInput. */
export interface PersonDraft {
  readonly givenName: string;
  readonly familyName: string;
  readonly sex: Sex | '';
  readonly birthYear: string;
  readonly group: Group | '';
}

/** The fields of a child's registration (a walk-in on the roster, or the Children screen). */
export function PersonFields({ value, onChange }: { value: PersonDraft; onChange: (change: Partial<PersonDraft>) => void }) {
  const { givenName, familyName, sex, birthYear, group } = value;
  return (
    <>
      <div class="columns">
        <Field label={t('walkIn.givenName')}>
          <input required autoComplete="off" value={givenName} onInput={(e) => onChange({ givenName: e.currentTarget.value })} />
        </Field>
        <Field label={t('walkIn.familyName')}>
          <input required autoComplete="off" value={familyName} onInput={(e) => onChange({ familyName: e.currentTarget.value })} />
        </Field>
      </div>
      <div class="columns">
        <Field label={t('walkIn.sex')}>
          <select required value={sex} onChange={(e) => onChange({ sex: e.currentTarget.value as Sex })}>
            <option value="">{t('common.choose')}</option>
            {(['FEMALE', 'MALE', 'OTHER'] as const).map((one) => (
              <option key={one} value={one}>
                {t(`sex.${one}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('walkIn.birthYear')}>
          <input type="number" inputMode="numeric" min={1900} max={new Date().getFullYear()} required value={birthYear} onInput={(e) => onChange({ birthYear: e.currentTarget.value })} />
        </Field>
        <Field label={t('walkIn.group')}>
          <select required value={group} onChange={(e) => onChange({ group: e.currentTarget.value as Group })}>
            <option value="">{t('common.choose')}</option>
            {(['RETURNEE', 'LOCAL'] as const).map((one) => (
              <option key={one} value={one}>
                {t(`group.${one}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </>
  );
}
