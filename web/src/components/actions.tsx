import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { submit, type NewItem } from '../offline/outbox.js';
import { ErrorNote, Field } from './ui.js';

/**
 * A form's saving through the outbox: "sending" while the request is out, "sent" only once the API
 * has the record, "kept on this device" with no connection, or the API's refusal in the reader's
 * words. `run` resolves true when the record is saved (sent or waiting), so the form can clear.
 */
export function useSubmit() {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (item: NewItem, sentText = t('form.sent'), onSent?: (data: any) => void): Promise<boolean> => {
    setError(null);
    setStatus(t('form.sending'));
    setBusy(true);
    try {
      const settled = await submit(item);
      if (settled.state === 'failed') {
        setStatus(null);
        setError(settled.error);
        return false;
      }
      setStatus(settled.state === 'sent' ? sentText : t('form.savedOffline'));
      if (settled.state === 'sent') onSent?.(settled.data);
      return true;
    } finally {
      setBusy(false);
    }
  };
  const fail = (message: string) => {
    setStatus(null);
    setError(new Error(message));
  };
  return { status, error, busy, run, fail, clear: () => (setStatus(null), setError(null)) };
}

/**
 * A correction that needs a reason (cancel a workshop, withdraw hours, retract a consultation):
 * one button opens the reason field and the confirming button; `name` says what it is about for
 * screen readers ("Withdraw: 2 h, 3 Dec").
 */
export function ReasonAction({ label, confirmLabel, name, onConfirm, danger = true }: { label: string; confirmLabel: string; name: string; onConfirm: (reason: string) => Promise<boolean>; danger?: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open)
    return (
      <button type="button" class="small" aria-label={`${label}: ${name}`} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  const confirm = async () => {
    if (!reason.trim()) return setError(new Error(t('form.required', { field: t('correction.reason') })));
    if (await onConfirm(reason.trim())) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <div class="correction">
      <Field label={t('correction.reason')}>
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
      </Field>
      <ErrorNote error={error} />
      <div class="actions">
        <button type="button" class={danger ? 'danger' : 'primary'} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.back')}
        </button>
      </div>
    </div>
  );
}

/** Finding a person in a long list: a search box (both scripts, with or without diacritics) and a choice. */
export { fold } from '../script.js';
