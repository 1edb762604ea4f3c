import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { type Operation } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { CentreName, CentreNames, type CentreRef } from '../api/operations.js';
import { formatDateTime, t, type MessageKey } from '../i18n.js';
import { cachedQuery } from '../offline/cache.js';
import { onSent, outboxItems, subscribeOutbox, type OutboxItem } from '../offline/outbox.js';
import { auth } from '../state.js';

export interface Load<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  savedAt?: number;
  reload: () => void;
}

/** Loads a query (from the device when offline) and loads it again after each item the outbox sends. */
export function useQuery<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables | null): Load<Result> {
  const [state, setState] = useState<Omit<Load<Result>, 'reload'>>({ loading: variables !== null });
  const key = variables === null ? null : JSON.stringify(variables);
  const latest = useRef(0);
  const run = useCallback(() => {
    if (variables === null) return;
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    cachedQuery(operation, variables).then(
      (loaded) => ticket === latest.current && setState({ data: loaded.data, loading: false, ...(loaded.savedAt ? { savedAt: loaded.savedAt } : {}) }),
      (error: unknown) => ticket === latest.current && setState({ error, loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [operation, key]);
  useEffect(() => {
    run();
    return onSent(() => run());
  }, [run]);
  return { ...state, reload: run };
}

export { errorText } from '../api/errors.js';

/** `id`: for the controls the error is about to point at (aria-describedby). */
export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p class="note error" role="alert" {...(id ? { id } : {})}>
      {errorText(error)}
    </p>
  );
}

export function Loading({ load }: { load: Load<unknown> }) {
  if (load.error) return <ErrorNote error={load.error} />;
  if (load.loading && !load.data) return <p class="note" aria-live="polite">{t('common.loading')}</p>;
  if (load.savedAt) return <p class="note offline-note">{t('common.savedCopy', { when: formatDateTime(load.savedAt) })}</p>;
  return null;
}

/** A control with its label (for=) and, when given, a hint it is described by (aria-describedby). */
export function Field({ label, hint, children }: { label: string; hint?: string; children: VNode<any> }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      {cloneElement(children, { id, ...(hint ? { 'aria-describedby': hintId } : {}) })}
      {hint ? (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** One option of a Choice: what is sent and what the person reads. */
export interface Option<T extends string> {
  readonly value: T;
  readonly text: string;
}

/** The options of an enum, each read from the messages under `prefix` (topic.PERSONAL_DOCUMENTS …). */
export const optionsOf = <T extends string>(values: readonly T[], prefix: string): Option<T>[] => values.map((value) => ({ value, text: t(`${prefix}.${value}` as MessageKey) }));

/** A labelled select among fixed options, "choose" first: empty until the person picks one. */
export function Choice<T extends string>({ label, hint, value, onChange, options, required = true }: { label: string; hint?: string; value: T | ''; onChange: (value: T | '') => void; options: readonly Option<T>[]; required?: boolean }) {
  return (
    <Field label={label} {...(hint ? { hint } : {})}>
      <select required={required} value={value} onChange={(e) => onChange(e.currentTarget.value as T | '')}>
        <option value="">{t('common.choose')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Page({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The centres this user works with: all of them for admins and coordinators, their own for staff and legal advisers. */
export function useCentres(): { centres: CentreRef[]; error?: unknown } {
  const state = auth();
  const actor = state.status === 'signedIn' ? state.session.actor : undefined;
  const everyCentre = actor?.role === 'admin' || actor?.role === 'coordinator';
  const all = useQuery(CentreNames, everyCentre ? {} : null);
  const [own, setOwn] = useState<CentreRef[]>([]);
  const ids = actor && !everyCentre ? actor.centreIds : [];
  useEffect(() => {
    if (ids.length === 0) return;
    Promise.all(
      ids.map((id) =>
        cachedQuery(CentreName, { id }).then(
          (loaded) => loaded.data.centre ?? { id, name: id },
          () => ({ id, name: id }),
        ),
      ),
    ).then(setOwn);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids.join(',')]);
  if (everyCentre) return { centres: all.data?.centres ?? [], ...(all.error ? { error: all.error } : {}) };
  return { centres: own };
}

/** The centre chosen on this device, kept across visits. */
export function useChosenCentre(centres: CentreRef[]): [string | undefined, (id: string) => void] {
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem('centre'));
  const choose = (id: string) => {
    localStorage.setItem('centre', id);
    setChosen(id);
  };
  const valid = centres.find((centre) => centre.id === chosen) ? chosen! : centres[0]?.id;
  return [valid, choose];
}

export function CentrePicker({ centres, value, onChange }: { centres: CentreRef[]; value: string | undefined; onChange: (id: string) => void }) {
  if (centres.length <= 1) return null;
  return (
    <Field label={t('common.centre')}>
      <select value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {centres.map((centre) => (
          <option key={centre.id} value={centre.id}>
            {centre.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A short "saved" or "waiting to be sent" message after a form, read out by screen readers. */
export function Status({ text }: { text: string | null }) {
  return (
    <p class={text ? 'note success' : 'visually-hidden'} role="status" aria-live="polite">
      {text ?? ''}
    </p>
  );
}

/** What waits in the outbox, kept current. */
export function useOutboxItems(): OutboxItem[] {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    const stop = subscribeOutbox(listener);
    listener(); // whatever changed before the subscription
    return () => void stop();
  }, []);
  return outboxItems();
}
