import { useState } from 'preact/hooks';
import { ApiError, authCall, SignedOutError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { ErrorNote, Field, Page, Status } from '../components/ui.js';
import { plural, t } from '../i18n.js';
import { navigate } from '../router.js';
import { auth, signedIn, takeSignInError, type SessionInfo } from '../state.js';

/** The sign-in screen's words for each reason /auth/oidc/callback gives (src/auth/oidc.ts). */
const providerErrors: Record<string, () => string> = {
  provider: () => t('signIn.error.provider'),
  state: () => t('signIn.error.state'),
  failed: () => t('signIn.error.failed'),
  noRole: () => t('signIn.error.noRole'),
  unavailable: () => t('signIn.error.unavailable'),
};
const providerErrorText = (reason: string) => (Object.hasOwn(providerErrors, reason) ? providerErrors[reason]! : providerErrors.failed!)();

/** A refused password or another /auth answer, in the reader's language. */
const apiErrorText = (error: ApiError): string => (error.code === 'TOO_MANY_ATTEMPTS' ? throttledText(error) : errorText(error));

/** Too many failed sign-ins (HTTP 429): when to try again, in the reader's language. */
function throttledText(error: ApiError): string {
  const seconds = error.errors[0]?.retryAfterSeconds ?? 60;
  return seconds < 60 ? t('signIn.throttledSoon') : plural('signIn.throttled', Math.ceil(seconds / 60));
}

export function SignIn({ mode, signInUrl, offline }: { mode: 'local' | 'identityProvider'; signInUrl?: string; offline?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [providerError] = useState(takeSignInError);

  if (mode === 'identityProvider') {
    return (
      <Page title={t('signIn.title')}>
        <ErrorNote error={providerError === null ? null : new Error(providerErrorText(providerError))} />
        <p>{t('signIn.identityProvider')}</p>
        {signInUrl ? (
          <a class="button primary" href={signInUrl}>
            {t('signIn.withIdentityProvider')}
          </a>
        ) : null}
      </Page>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await authCall<SessionInfo>('login', { username, password });
      await signedIn(session);
      navigate('/', true);
    } catch (failure) {
      setError(failure instanceof SignedOutError ? new Error(t('signIn.wrong')) : failure instanceof ApiError && failure.code === 'TOO_MANY_ATTEMPTS' ? new Error(throttledText(failure)) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signIn.title')}>
      {offline ? <p class="note offline-note">{t('signIn.offline')}</p> : null}
      <form class="card form narrow" onSubmit={submit} noValidate>
        <Field label={t('signIn.username')}>
          <input name="username" autoComplete="username" autoCapitalize="none" spellcheck={false} required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </Field>
        <Field label={t('signIn.password')}>
          <input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={error} />
        <button class="primary" type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p class="hint">{t('signIn.forgot')}</p>
    </Page>
  );
}

/** `/setup#<token>`: the one-time link to set a password (the first admin's, a new user's, after a reset). */
export function Setup() {
  const token = location.hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== repeat) {
      setError(new Error(t('setup.mismatch')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await authCall<SessionInfo>('setup', { token, password });
      // The password leaves the form at once, and the page goes on to the person's start page
      // (navigate notifies the router: a bare history change left this form on screen).
      setPassword('');
      setRepeat('');
      await signedIn(session);
      navigate('/', true);
    } catch (failure) {
      setError(failure instanceof SignedOutError ? new Error(t('setup.expired')) : failure instanceof ApiError ? new Error(apiErrorText(failure)) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      <form class="card form narrow" onSubmit={submit} noValidate>
        <Field label={t('setup.password')} hint={t('setup.rule')}>
          <input name="new-password" type="password" autoComplete="new-password" required minLength={10} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <Field label={t('setup.repeat')}>
          <input name="repeat-password" type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={error} />
        <button class="primary" type="submit" disabled={busy || !token}>
          {t('setup.submit')}
        </button>
      </form>
    </Page>
  );
}

/** One's own account: change the password (knowing the current one); other sessions end. */
export function Account() {
  const state = auth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const session = state.status === 'signedIn' ? state.session : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (next !== repeat) return setError(new Error(t('setup.mismatch')));
    try {
      const renewed = await authCall<SessionInfo>('password', { currentPassword: current, newPassword: next });
      await signedIn(renewed);
      setCurrent('');
      setNext('');
      setRepeat('');
      setStatus(t('account.changed'));
    } catch (failure) {
      setError(failure instanceof ApiError ? new Error(apiErrorText(failure)) : failure);
    }
  };

  return (
    <Page title={t('account.title')}>
      {session?.user ? (
        <p>
          {session.user.username} · {t(`role.${session.actor.role}`)}
        </p>
      ) : null}
      {session?.mode === 'local' ? (
        <form class="card form narrow" onSubmit={submit} noValidate>
          <h2>{t('account.change')}</h2>
          <Field label={t('account.current')}>
            <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
          </Field>
          <Field label={t('setup.password')} hint={t('setup.rule')}>
            <input type="password" autoComplete="new-password" required minLength={10} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
          </Field>
          <Field label={t('setup.repeat')}>
            <input type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
          </Field>
          <ErrorNote error={error} />
          <Status text={status} />
          <button class="primary" type="submit">
            {t('account.submit')}
          </button>
        </form>
      ) : (
        <p>{t('signIn.identityProvider')}</p>
      )}
    </Page>
  );
}
