import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, authCall, newCommandId, request } from '../api/client.js';
import { CentreDetails, CentreVolunteers, CorrectCentreDetails, OpenCentre, RegisterVolunteer, VolunteerCentre, type CentreRef } from '../api/operations.js';
import { errorText, ErrorNote, Field, Page, Status, useCentres, useQuery } from '../components/ui.js';
import { formatDateTime, t } from '../i18n.js';
import { enqueue } from '../offline/outbox.js';
import { CentreNames } from '../api/operations.js';
import { auth, restoreSession, type Role } from '../state.js';

interface User {
  id: string;
  username: string;
  role: Role;
  centreIds: string[];
  volunteerId: string | null;
  active: boolean;
  passwordSet: boolean;
}
interface Link {
  user: User;
  token: string;
  expiresAt: string;
}

const roles: Role[] = ['staff', 'legal', 'volunteer', 'coordinator', 'admin'];
const linkOf = (token: string) => `${location.origin}/setup#${token}`;

/** What an account may reach: its role, the centres of staff and legal advisers, a volunteer's record. */
interface Scope {
  role: Role;
  centreIds: string[];
  /** Only to list that centre's volunteers; not sent. */
  volunteerCentre: string;
  volunteerId: string;
}
const newScope = (): Scope => ({ role: 'staff', centreIds: [], volunteerCentre: '', volunteerId: '' });
/** The body /auth/users and /auth/users/:id take; the server keeps only what the role uses. */
const scopeBody = (scope: Scope) => ({ role: scope.role, centreIds: scope.centreIds, ...(scope.role === 'volunteer' ? { volunteerId: scope.volunteerId } : {}) });

/** The API's refusal of an account's scope in the reader's words: it names the field (`extensions.field`). */
function scopeErrorText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
    if (error.field === 'centreIds') return t('users.error.centreIds');
    if (error.field === 'volunteerId') return t('users.error.volunteerId');
  }
  return errorText(error);
}
/** The same for a change of role, whose only conflict is the last active admin keeping the role. */
const changeErrorText = (error: unknown) => (error instanceof ApiError && error.code === 'CONFLICT' && !error.field ? t('users.error.lastAdmin') : scopeErrorText(error));
const fieldOf = (error: unknown) => (error instanceof ApiError ? error.field : undefined);

function LinkBox({ link }: { link: Link }) {
  const url = linkOf(link.token);
  const [copied, setCopied] = useState(false);
  return (
    <div class="card link-box" role="status">
      <p>{t('users.linkFor', { name: link.user.username, until: formatDateTime(Date.parse(link.expiresAt)) })}</p>
      <Field label={t('users.link')}>
        <input readOnly value={url} data-testid="setup-link" onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => setCopied(true));
        }}
      >
        {copied ? t('users.copied') : t('users.copy')}
      </button>
    </div>
  );
}

/**
 * The role, then what it needs: centres for staff and legal advisers, the volunteer record for a
 * volunteer. `invalid` is the field the API refused, marked and described by the error (`errorId`).
 */
function ScopeFields({
  scope,
  onChange,
  centres,
  invalid,
  errorId,
  roleRef,
  before,
}: {
  /** Shown beside the role (the new account's user name). */
  before?: ComponentChildren;
  scope: Scope;
  onChange: (next: Scope) => void;
  centres: CentreRef[];
  invalid?: string | undefined;
  errorId?: string;
  roleRef?: { current: HTMLSelectElement | null };
}) {
  const volunteers = useQuery(CentreVolunteers, scope.role === 'volunteer' && scope.volunteerCentre ? { id: scope.volunteerCentre } : null);
  const marked = (field: string) => (invalid === field && errorId ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {});
  return (
    <>
      <div class="columns">
        {before}
        <Field label={t('users.role')}>
          <select ref={roleRef} value={scope.role} onChange={(e) => onChange({ ...scope, role: e.currentTarget.value as Role })} {...marked('role')}>
            {roles.map((one) => (
              <option key={one} value={one}>
                {t(`role.${one}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {scope.role === 'staff' || scope.role === 'legal' ? (
        <fieldset class={invalid === 'centreIds' ? 'invalid' : undefined} {...(invalid === 'centreIds' && errorId ? { 'aria-describedby': errorId } : {})}>
          <legend>{t('users.centres')}</legend>
          {centres.map((centre) => (
            <label key={centre.id} class="check">
              <input
                type="checkbox"
                checked={scope.centreIds.includes(centre.id)}
                onChange={(e) =>
                  onChange({ ...scope, centreIds: e.currentTarget.checked ? [...scope.centreIds, centre.id] : scope.centreIds.filter((id) => id !== centre.id) })
                }
              />
              {centre.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {scope.role === 'volunteer' ? (
        <div class="columns">
          <Field label={t('users.volunteerCentre')}>
            <select value={scope.volunteerCentre} onChange={(e) => onChange({ ...scope, volunteerCentre: e.currentTarget.value, volunteerId: '' })}>
              <option value="">{t('common.choose')}</option>
              {centres.map((centre) => (
                <option key={centre.id} value={centre.id}>
                  {centre.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('hours.volunteer')}>
            <select value={scope.volunteerId} onChange={(e) => onChange({ ...scope, volunteerId: e.currentTarget.value })} {...marked('volunteerId')}>
              <option value="">{t('common.choose')}</option>
              {(volunteers.data?.centre?.volunteers ?? []).map((one) => (
                <option key={one.id} value={one.id}>
                  {one.name ?? one.id}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
    </>
  );
}

/** Changes an account's role and centres (or volunteer) through `POST /auth/users/:id`; it applies to their open sessions at once. */
function EditUser({ user, centres, onSaved, onCancel }: { user: User; centres: CentreRef[]; onSaved: (user: User) => void; onCancel: () => void }) {
  const [scope, setScope] = useState<Scope>({ role: user.role, centreIds: user.centreIds, volunteerCentre: '', volunteerId: user.volunteerId ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const errorId = useId();
  const roleRef = useRef<HTMLSelectElement>(null);
  // A volunteer's account opens on the centre their record belongs to, so their name is in the list.
  const home = useQuery(VolunteerCentre, user.volunteerId ? { id: user.volunteerId } : null);
  const homeCentre = home.data?.volunteer?.centre.id;
  useEffect(() => {
    if (homeCentre) setScope((current) => (current.volunteerCentre ? current : { ...current, volunteerCentre: homeCentre }));
  }, [homeCentre]);
  useEffect(() => roleRef.current?.focus(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await authCall<{ user: User }>(`users/${user.id}`, scopeBody(scope));
      setBusy(false);
      onSaved(answer.user);
    } catch (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <form
      id="edit-user"
      class="card form"
      aria-labelledby={headingId}
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <h2 id={headingId}>{t('users.editTitle', { name: user.username })}</h2>
      <p class="hint">{t('users.editHint')}</p>
      <ScopeFields scope={scope} onChange={setScope} centres={centres} invalid={fieldOf(error)} errorId={errorId} roleRef={roleRef} />
      {error ? (
        <p class="note error" role="alert" id={errorId}>
          {changeErrorText(error)}
        </p>
      ) : null}
      <div class="actions">
        <button class="primary" type="submit" disabled={busy}>
          {t('users.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Admins: accounts with a role and centres (and a volunteer), one-time links, changes of role, reset and deactivation. */
export function Users() {
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<Link | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { centres } = useCentres();
  const [username, setUsername] = useState('');
  const [scope, setScope] = useState<Scope>(newScope);
  const [editing, setEditing] = useState<string | null>(null);
  // After the edit form closes, focus goes back to the button that opened it.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const pageErrorId = useId();
  const names = new Map(centres.map((centre) => [centre.id, centre.name]));

  const reload = () =>
    authCall<{ users: User[] }>('users').then(
      (answer) => setUsers(answer.users),
      (failure: unknown) => setError(failure),
    );
  useEffect(() => void reload(), []);
  useEffect(() => {
    if (returnTo === null) return;
    editButtons.current.get(returnTo)?.focus();
    setReturnTo(null);
  }, [returnTo]);

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    setStatus(null);
    try {
      await run();
      await reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const create = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const created = await authCall<Link>('users', { username, ...scopeBody(scope) });
      setLink(created);
      setUsername('');
      setScope(newScope());
    });
  };

  const closeEdit = (id: string) => {
    setEditing(null);
    setReturnTo(id);
  };

  const saved = (user: User) => {
    setUsers((list) => list.map((one) => (one.id === user.id ? user : one)));
    setStatus(t('users.saved', { name: user.username }));
    closeEdit(user.id);
    const state = auth();
    // An admin who changed their own account: the page asks again who they are now.
    if (state.status === 'signedIn' && state.session.user?.id === user.id) void restoreSession();
    else void reload();
  };

  const editedUser = editing === null ? undefined : users.find((user) => user.id === editing);

  return (
    <Page title={t('users.title')}>
      <ErrorNote id={pageErrorId} error={error === null ? null : new Error(scopeErrorText(error))} />
      <Status text={status} />
      {link ? <LinkBox link={link} /> : null}
      <form class="card form" onSubmit={create} noValidate>
        <h2>{t('users.new')}</h2>
        <ScopeFields
          scope={scope}
          onChange={setScope}
          centres={centres}
          invalid={fieldOf(error)}
          errorId={pageErrorId}
          before={
            <Field label={t('users.username')} hint={t('users.usernameHint')}>
              <input required autoCapitalize="none" spellcheck={false} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
            </Field>
          }
        />
        <button class="primary" type="submit">
          {t('users.create')}
        </button>
      </form>
      <h2>{t('users.list')}</h2>
      {editedUser ? <EditUser key={editedUser.id} user={editedUser} centres={centres} onSaved={saved} onCancel={() => closeEdit(editedUser.id)} /> : null}
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{t('users.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.centres')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.username}</th>
                <td>{t(`role.${user.role}`)}</td>
                <td>{user.centreIds.map((id) => names.get(id) ?? id).join(', ')}</td>
                <td>{!user.active ? t('users.inactive') : user.passwordSet ? t('users.active') : t('users.noPassword')}</td>
                <td>
                  <div class="actions">
                    <button
                      type="button"
                      class="small"
                      ref={(element) => {
                        if (element) editButtons.current.set(user.id, element);
                        else editButtons.current.delete(user.id);
                      }}
                      aria-label={t('users.editFor', { name: user.username })}
                      aria-expanded={editing === user.id}
                      aria-controls={editing === user.id ? 'edit-user' : undefined}
                      onClick={() => {
                        setError(null);
                        setStatus(null);
                        setEditing(editing === user.id ? null : user.id);
                      }}
                    >
                      {t('users.edit')}
                    </button>
                    <button type="button" class="small" aria-label={t('users.resetFor', { name: user.username })} onClick={() => void act(async () => setLink(await authCall<Link>(`users/${user.id}/reset`, {})))}>
                      {t('users.reset')}
                    </button>
                    <button
                      type="button"
                      class="small"
                      aria-label={t(user.active ? 'users.deactivateFor' : 'users.activateFor', { name: user.username })}
                      onClick={() => void act(() => authCall(`users/${user.id}/${user.active ? 'deactivate' : 'activate'}`, {}))}
                    >
                      {user.active ? t('users.deactivate') : t('users.activate')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

/** Admins: open centres and register volunteers, the first steps of a new deployment. */
export function Centres() {
  const all = useQuery(CentreNames, {});
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [district, setDistrict] = useState('');
  const [volunteerCentre, setVolunteerCentre] = useState('');
  const [volunteerName, setVolunteerName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const centres: CentreRef[] = all.data?.centres ?? [];

  const open = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!name.trim() || !municipality.trim() || !district.trim()) return setError(new Error(t('form.allRequired')));
    try {
      // Opening a centre is rare and done online: its id is needed at once for accounts.
      await request(OpenCentre, { input: { name: name.trim(), municipality: municipality.trim(), district: district.trim(), commandId: newCommandId() } });
      setName('');
      setMunicipality('');
      setDistrict('');
      setStatus(t('form.saved'));
      all.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const register = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const centreId = volunteerCentre || centres[0]?.id;
    if (!centreId || !volunteerName.trim()) return setError(new Error(t('form.allRequired')));
    await enqueue({ kind: 'mutation', operation: RegisterVolunteer, input: { centreId, name: volunteerName.trim() }, label: `${t('centres.volunteer')}: ${volunteerName.trim()}` });
    setVolunteerName('');
    setStatus(navigator.onLine ? t('form.saved') : t('form.savedOffline'));
  };

  return (
    <Page title={t('centres.title')}>
      <ErrorNote error={error} />
      <Status text={status} />
      <CentreList onChanged={() => all.reload()} />
      <form class="card form" onSubmit={open} noValidate>
        <h2>{t('centres.open')}</h2>
        <Field label={t('centres.name')}>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <div class="columns">
          <Field label={t('centres.municipality')}>
            <input required value={municipality} onInput={(e) => setMunicipality(e.currentTarget.value)} />
          </Field>
          <Field label={t('centres.district')}>
            <input required value={district} onInput={(e) => setDistrict(e.currentTarget.value)} />
          </Field>
        </div>
        <button class="primary" type="submit">
          {t('centres.openSubmit')}
        </button>
      </form>
      <form class="card form" onSubmit={register} noValidate>
        <h2>{t('centres.registerVolunteer')}</h2>
        <Field label={t('common.centre')}>
          <select value={volunteerCentre} onChange={(e) => setVolunteerCentre(e.currentTarget.value)}>
            {centres.map((centre) => (
              <option key={centre.id} value={centre.id}>
                {centre.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('centres.volunteerName')}>
          <input required value={volunteerName} onInput={(e) => setVolunteerName(e.currentTarget.value)} />
        </Field>
        <button class="primary" type="submit">
          {t('centres.registerSubmit')}
        </button>
      </form>
    </Page>
  );
}

type CentreDetail = { id: string; name: string; municipality: string; district: string };

/** Every centre with its place; an admin corrects a name or place written wrongly, with the reason kept in the log. */
function CentreList({ onChanged }: { onChanged: () => void }) {
  const details = useQuery(CentreDetails, {});
  const [editing, setEditing] = useState<string | null>(null);
  const centres: CentreDetail[] = details.data?.centres ?? [];
  return (
    <ul class="list">
      {centres.map((centre) => (
        <li key={centre.id} class="row">
          {editing === centre.id ? (
            <CentreCorrection
              centre={centre}
              onDone={() => {
                setEditing(null);
                details.reload();
                onChanged();
              }}
            />
          ) : (
            <>
              <span class="row-main">
                <strong>{centre.name}</strong>
                <span class="muted">
                  {centre.municipality} · {centre.district}
                </span>
              </span>
              <button type="button" class="small" aria-label={t('centres.editNamed', { name: centre.name })} onClick={() => setEditing(centre.id)}>
                {t('centres.edit')}
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function CentreCorrection({ centre, onDone }: { centre: CentreDetail; onDone: () => void }) {
  const [name, setName] = useState(centre.name);
  const [municipality, setMunicipality] = useState(centre.municipality);
  const [district, setDistrict] = useState(centre.district);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!name.trim() || !municipality.trim() || !district.trim() || !reason.trim()) return setError(new Error(t('form.allRequired')));
    try {
      // Done online, as opening a centre is: other screens name the centre at once.
      await request(CorrectCentreDetails, {
        input: { centreId: centre.id, name: name.trim(), municipality: municipality.trim(), district: district.trim(), reason: reason.trim(), commandId: newCommandId() },
      });
      onDone();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="form" onSubmit={save} noValidate>
      <Field label={t('centres.name')}>
        <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <div class="columns">
        <Field label={t('centres.municipality')}>
          <input required value={municipality} onInput={(e) => setMunicipality(e.currentTarget.value)} />
        </Field>
        <Field label={t('centres.district')}>
          <input required value={district} onInput={(e) => setDistrict(e.currentTarget.value)} />
        </Field>
      </div>
      <Field label={t('correction.reason')}>
        <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ErrorNote error={error} />
      <button class="primary" type="submit">
        {t('centres.saveCorrection')}
      </button>
      <button type="button" onClick={onDone}>
        {t('centres.cancelEdit')}
      </button>
    </form>
  );
}
