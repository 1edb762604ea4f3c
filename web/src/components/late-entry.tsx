import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { sendWithReason, type OutboxItem } from '../offline/outbox.js';
import { Field } from './ui.js';

/** Asks why an entry dated in a closed reporting period comes late, and sends it again with the reason. */
export function LateEntryReason({ item }: { item: OutboxItem }) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="late-entry"
      aria-label={t('lateEntry.reason')}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) void sendWithReason(item.id, reason.trim());
      }}
    >
      <p>{t('lateEntry.title')}</p>
      <Field label={t('lateEntry.reason')}>
        <input required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="small">
        {t('lateEntry.send')}
      </button>
    </form>
  );
}
