import { useEffect, useState } from 'preact/hooks';
import { authCall, newCommandId, request } from '../api/client.js';
import { CentreVolunteers, OpenCentre, RegisterVolunteer, type CentreRef } from '../api/operations.js';
import { ErrorNote, Field, Page, Status, useCentres, useQuery } from '../components/ui.js';
import { formatDateTime, t } from '../i18n.js';
import { enqueue } from '../offline/outbox.js';
import { CentreNames } from '../api/operations.js';
import type { Role } from '../state.js';

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

/** Admins: accounts with a role and centres (and a volunteer), one-time links, reset and deactivation. */
export function Users() {
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<Link | null>(null);
  const { centres } = useCentres();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [centreIds, setCentreIds] = useState<string[]>([]);
  const [volunteerCentre, setVolunteerCentre] = useState('');
  const volunteers = useQuery(CentreVolunteers, role === 'volunteer' && volunteerCentre ? { id: volunteerCentre } : null);
  const [volunteerId, setVolunteerId] = useState('');
  const names = new Map(centres.map((centre) => [centre.id, centre.name]));

  const reload = () =>
    authCall<{ users: User[] }>('users').then(
      (answer) => setUsers(answer.users),
      (failure: unknown) => setError(failure),
    );
  useEffect(() => void reload(), []);

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
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
      const created = await authCall<Link>('users', { username, role, centreIds, ...(role === 'volunteer' ? { volunteerId } : {}) });
      setLink(created);
      setUsername('');
      setCentreIds([]);
    });
  };

  return (
    <Page title={t('users.title')}>
      <ErrorNote error={error} />
      {link ? <LinkBox link={link} /> : null}
      <form class="card form" onSubmit={create} noValidate>
        <h2>{t('users.new')}</h2>
        <div class="columns">
          <Field label={t('users.username')} hint={t('users.usernameHint')}>
            <input required autoCapitalize="none" spellcheck={false} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </Field>
          <Field label={t('users.role')}>
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {roles.map((one) => (
                <option key={one} value={one}>
                  {t(`role.${one}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {role === 'staff' || role === 'legal' ? (
          <fieldset>
            <legend>{t('users.centres')}</legend>
            {centres.map((centre) => (
              <label key={centre.id} class="check">
                <input
                  type="checkbox"
                  checked={centreIds.includes(centre.id)}
                  onChange={(e) => setCentreIds(e.currentTarget.checked ? [...centreIds, centre.id] : centreIds.filter((id) => id !== centre.id))}
                />
                {centre.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        {role === 'volunteer' ? (
          <div class="columns">
            <Field label={t('users.volunteerCentre')}>
              <select value={volunteerCentre} onChange={(e) => setVolunteerCentre(e.currentTarget.value)}>
                <option value="">{t('common.choose')}</option>
                {centres.map((centre) => (
                  <option key={centre.id} value={centre.id}>
                    {centre.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('hours.volunteer')}>
              <select value={volunteerId} onChange={(e) => setVolunteerId(e.currentTarget.value)}>
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
        <button class="primary" type="submit">
          {t('users.create')}
        </button>
      </form>
      <h2>{t('users.list')}</h2>
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
      <ul class="list">
        {centres.map((centre) => (
          <li key={centre.id} class="row">
            {centre.name}
          </li>
        ))}
      </ul>
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
