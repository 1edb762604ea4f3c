import { useEffect, useRef, useState } from 'preact/hooks';
import { whenSignedOut } from './api/client.js';
import { Page } from './components/ui.js';
import { language, languages, setLanguage, subscribeLanguage, t, plural, type MessageKey } from './i18n.js';
import { discard, flush, isBlockedBySignIn, outboxItems, subscribeOutbox } from './offline/outbox.js';
import { navigate, onLinkClick, usePath } from './router.js';
import { Centres, Users } from './screens/Admin.js';
import { Child } from './screens/Child.js';
import { Dashboard } from './screens/Dashboard.js';
import { CulturalEventForm, LegalForm, MyHoursScreen, StaffHours } from './screens/Forms.js';
import { Account, Setup, SignIn } from './screens/SignIn.js';
import { Workshop } from './screens/Workshop.js';
import { ConsentScreen } from './screens/Consent.js';
import { CyclePage, Cycles } from './screens/Cycles.js';
import { FollowUp } from './screens/FollowUp.js';
import { Households } from './screens/Households.js';
import { LegalCasePage, LegalCases } from './screens/LegalCases.js';
import { Volunteers } from './screens/Volunteers.js';
import { Children, Duplicates, Import } from './screens/People.js';
import { NewWorkshop, Workshops } from './screens/Workshops.js';
import { Programmes } from './screens/Programmes.js';
import { LateEntryReason } from './components/late-entry.js';
import { sessionEnded, signOut, useAuth, type Role } from './state.js';

/** Where each role starts, and the links it is offered. The API decides what each may really do. */
const home: Record<Role, string> = { staff: '/workshops', legal: '/legal', volunteer: '/hours', coordinator: '/dashboard', admin: '/dashboard' };
const navFor: Record<Role, [string, MessageKey][]> = {
  staff: [
    ['/workshops', 'nav.workshops'],
    ['/cycles', 'nav.cycles'],
    ['/participants', 'nav.children'],
    ['/events/new', 'nav.event'],
    ['/hours', 'nav.hours'],
    ['/volunteers', 'nav.volunteers'],
    ['/households', 'nav.households'],
    ['/consent', 'nav.consent'],
    ['/follow-up', 'nav.followUp'],
  ],
  legal: [
    ['/legal', 'nav.legalCases'],
    ['/legal/consultation', 'nav.legal'],
    ['/households', 'nav.households'],
  ],
  volunteer: [['/hours', 'nav.myHours']],
  coordinator: [
    ['/dashboard', 'nav.dashboard'],
    ['/cycles', 'nav.cycles'],
    ['/volunteers', 'nav.volunteers'],
    ['/programmes', 'nav.programmes'],
  ],
  admin: [
    ['/dashboard', 'nav.dashboard'],
    ['/programmes', 'nav.programmes'],
    ['/workshops', 'nav.workshops'],
    ['/cycles', 'nav.cycles'],
    ['/participants', 'nav.children'],
    ['/events/new', 'nav.event'],
    ['/hours', 'nav.hours'],
    ['/volunteers', 'nav.volunteers'],
    ['/households', 'nav.households'],
    ['/consent', 'nav.consent'],
    ['/follow-up', 'nav.followUp'],
    ['/legal', 'nav.legalCases'],
    ['/centres', 'nav.centres'],
    ['/users', 'nav.users'],
  ],
};

/** The menu entry for a path: the longest that leads to it (/legal/consultation, not /legal). */
const currentNav = (role: Role, path: string) =>
  navFor[role]
    .map(([href]) => href)
    .filter((href) => path === href || path.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];

function useRerenderOn(subscribe: (listener: () => void) => () => unknown) {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    const stop = subscribe(listener);
    listener(); // whatever changed before the subscription
    return () => void stop();
  }, [subscribe]);
}

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** What waits on this device to be sent, always in view while anything does. */
function OutboxBar() {
  useRerenderOn(subscribeOutbox);
  const online = useOnline();
  const items = outboxItems();
  const waiting = items.filter((item) => item.state === 'waiting');
  const failed = items.filter((item) => item.state === 'failed');
  return (
    <div class="outbox" aria-live="polite">
      <p class={online ? 'connection online' : 'connection offline'} data-testid="connection">
        {online ? t('outbox.online') : t('outbox.offline')}
      </p>
      {items.length ? (
        <details class="outbox-details" open={items.some((item) => item.needsReason) || undefined}>
          <summary data-testid="outbox-summary">
            {waiting.length ? plural('outbox.count', waiting.length) : ''}
            {waiting.length && failed.length ? ' · ' : ''}
            {failed.length ? plural('outbox.failedCount', failed.length) : ''}
          </summary>
          <ul>
            {items.map((item) => (
              <li key={item.id} class={item.state}>
                <span>{item.label}</span>
                {item.state === 'failed' ? (
                  <>
                    <span class="error-text"> — {item.error}</span>
                    {item.needsReason ? <LateEntryReason item={item} /> : null}
                    <button type="button" class="small" onClick={() => void discard(item.id)}>
                      {t('outbox.discard')}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {waiting.length && online ? (
            <button type="button" class="small" onClick={() => void flush()}>
              {t('outbox.sendNow')}
            </button>
          ) : null}
          {isBlockedBySignIn() ? <p class="note">{t('outbox.signIn')}</p> : null}
        </details>
      ) : null}
    </div>
  );
}

function LanguageSwitch() {
  return (
    <label class="language">
      <span class="visually-hidden">{t('app.language')}</span>
      <select value={language().tag} onChange={(e) => setLanguage(e.currentTarget.value)} aria-label={t('app.language')}>
        {languages.map((one) => (
          <option key={one.tag} value={one.tag} lang={one.tag}>
            {one.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function route(path: string, role: Role) {
  const workshop = /^\/workshops\/([^/]+)$/.exec(path);
  if (path === '/workshops/new') return <NewWorkshop />;
  if (workshop) return <Workshop id={decodeURIComponent(workshop[1]!)} />;
  // A child's page (Dete): reached from the roster and the referrals to follow up.
  const child = /^\/participants\/([^/]+)$/.exec(path);
  if (child) return <Child id={decodeURIComponent(child[1]!)} />;
  const legalCase = /^\/legal\/cases\/([^/]+)$/.exec(path);
  if (legalCase) return <LegalCasePage id={decodeURIComponent(legalCase[1]!)} />;
  const cycle = /^\/cycles\/([^/]+)$/.exec(path);
  if (cycle) return <CyclePage id={decodeURIComponent(cycle[1]!)} />;
  switch (path) {
    case '/workshops':
      return <Workshops />;
    case '/participants':
      return <Children />;
    case '/duplicates':
      return <Duplicates />;
    case '/imports':
      return <Import />;
    case '/events/new':
      return <CulturalEventForm />;
    case '/hours':
      return role === 'volunteer' ? <MyHoursScreen /> : <StaffHours />;
    case '/legal':
      return <LegalCases />;
    case '/legal/consultation':
      return <LegalForm />;
    case '/cycles':
      return <Cycles />;
    case '/households':
      return <Households />;
    case '/consent':
      return <ConsentScreen />;
    case '/volunteers':
      return <Volunteers />;
    case '/follow-up':
      return <FollowUp />;
    case '/dashboard':
      return <Dashboard />;
    case '/programmes':
      return <Programmes />;
    case '/users':
      return <Users />;
    case '/centres':
      return <Centres />;
    case '/account':
      return <Account />;
    default:
      return (
        <Page title={t('error.notFoundPage')}>
          <a href={home[role]}>{t('nav.home')}</a>
        </Page>
      );
  }
}

export function App() {
  const state = useAuth();
  const path = usePath();
  useRerenderOn(subscribeLanguage);
  useEffect(() => whenSignedOut(sessionEnded), []);

  useEffect(() => {
    if (state.status === 'signedIn' && (path === '/' || path === '/signin')) navigate(home[state.session.actor.role], true);
  }, [state.status, path]);

  // After moving to another screen, its title takes the focus, so screen readers announce it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => document.getElementById('page-title')?.focus({ preventScroll: true }));
  }, [path]);

  let main;
  if (path === '/setup') main = <Setup />;
  else if (state.status === 'loading') main = <p class="note">{t('common.loading')}</p>;
  else if (state.status === 'signedOut') main = <SignIn mode={state.mode} {...(state.signInUrl ? { signInUrl: state.signInUrl } : {})} {...(state.offline ? { offline: true } : {})} />;
  else main = route(path, state.session.actor.role);

  const session = state.status === 'signedIn' ? state.session : null;
  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <div class="top-tools">
          <LanguageSwitch />
          {session ? (
            <button type="button" class="small" onClick={() => void signOut()}>
              {t('app.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      {session ? (
        <nav aria-label={t('app.navigation')} class="nav">
          <ul>
            {navFor[session.actor.role].map(([href, key]) => (
              <li key={href}>
                <a href={href} aria-current={href === currentNav(session.actor.role, path) ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
          <p class="who">
            {session.user ? <a href="/account">{session.user.username}</a> : session.actor.userId} · {t(`role.${session.actor.role}`)}
          </p>
        </nav>
      ) : null}
      {session ? <OutboxBar /> : null}
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </div>
  );
}
