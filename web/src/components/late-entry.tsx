import { useId, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { sendWithReason, type OutboxItem } from '../offline/outbox.js';
import { Field } from './ui.js';

/** Asks why an entry dated in a closed reporting period comes late, and sends it again with the reason. */
export function LateEntryReason({ item }: { item: OutboxItem }) {
  const [reason, setReason] = useState('');
  const titleId = useId();
  return (
    <form
      class="late-entry"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) void sendWithReason(item.id, reason.trim());
      }}
    >
      <p id={titleId}>{t('lateEntry.title')}</p>
      <Field label={t('lateEntry.reason')} hint={t('lateEntry.hint')}>
        <input required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="small">
        {t('lateEntry.send')}
      </button>
    </form>
  );
}
