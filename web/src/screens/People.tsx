import { useMemo, useState } from 'preact/hooks';
import { request } from '../api/client.js';
import type { Group, Sex } from '../api/operations.js';
import { RegisterParticipant } from '../api/operations.js';
import { CentreChildren, importFile, MergeParticipants, PossibleDuplicates, SimilarParticipants, UnmergeParticipant, type Child, type ImportReport, type Match } from '../api/people.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery } from '../components/ui.js';
import { formatNumber, t } from '../i18n.js';
import { PersonFields } from '../components/person-fields.js';
import { fold as foldForSearch } from '../script.js';

const newCommandId = () => crypto.randomUUID();
const nameOf = (child: { givenName: string | null; familyName: string | null; code: string }) =>
  child.givenName || child.familyName ? `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim() : child.code;

/** Registered children who may be the one being registered; null when the check could not run (offline). */
export async function findMatches(centreId: string, givenName: string, familyName: string, birthYear: number): Promise<Match[] | null> {
  try {
    const { data } = await request(SimilarParticipants, { centreId, givenName, familyName, birthYear });
    return data.similarParticipants;
  } catch {
    return null;
  }
}

/** "Is this Amela Hodžić, 2015, code …?" for each possible match, before a child is registered again. */
export function PossibleMatches({ matches, onSame, onDifferent }: { matches: Match[]; onSame: (match: Match) => void; onDifferent: () => void }) {
  return (
    <section class="card" role="alertdialog" aria-labelledby="possible-matches-title" data-testid="possible-matches">
      <h2 id="possible-matches-title">{t('people.maybeRegistered')}</h2>
      <ul class="list">
        {matches.map((match) => {
          const question = t('people.isThis', { name: nameOf(match.participant), year: String(match.participant.birthYear), code: match.participant.code, centre: match.participant.centre.name });
          return (
            <li key={match.participant.id}>
              <p>{question}</p>
              <button type="button" class="primary" aria-label={`${t('people.yesThem')}: ${question}`} onClick={() => onSame(match)}>
                {t('people.yesThem')}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onDifferent}>
        {t('people.differentChild')}
      </button>
    </section>
  );
}

/** Deca / Children: the centre's participants, searchable in either script, each linking to their page. */
export function Children() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const load = useQuery(CentreChildren, centreId ? { id: centreId } : null);
  const children = useMemo(() => [...(load.data?.centre?.participants ?? [])].sort((a, b) => nameOf(a).localeCompare(nameOf(b))), [load.data]);
  const wanted = foldForSearch(search.trim());
  const shown = wanted ? children.filter((child) => foldForSearch(`${nameOf(child)} ${child.code}`).includes(wanted)) : children;
  return (
    <Page
      title={t('people.children')}
      actions={
        <>
          <a class="button" href="/duplicates">{t('people.duplicates')}</a> <a class="button" href="/imports">{t('people.import')}</a>
        </>
      }
    >
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <button type="button" aria-expanded={registering} onClick={() => setRegistering(!registering)}>
        {t('people.register')}
      </button>
      {registering && centreId ? (
        <RegisterChild
          centreId={centreId}
          onDone={(text) => {
            setRegistering(false);
            setStatus(text);
            load.reload();
          }}
        />
      ) : null}
      <Status text={status} />
      <Field label={t('roster.search')}>
        <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} autoComplete="off" placeholder={t('roster.searchPlaceholder')} />
      </Field>
      <Loading load={load} />
      <ul class="list" aria-label={t('people.list')}>
        {shown.map((child) => (
          <li key={child.id}>
            <a class="row-link" href={`/participants/${child.id}`}>
              <span class="row-main">
                <strong>{nameOf(child)}</strong>
                <span class="muted">
                  {child.code} · {child.birthYear} · {t(`group.${child.group}`)}
                </span>
              </span>
              {child.mergedInto ? <span class="badge">{t('people.mergedInto', { code: child.mergedInto.code })}</span> : null}
            </a>
          </li>
        ))}
      </ul>
      {shown.length === 0 && children.length > 0 ? <p class="muted">{t('roster.noMatch')}</p> : null}
    </Page>
  );
}

/** Registering a child: the possible matches first, then registered with those declared someone else. */
function RegisterChild({ centreId, onDone }: { centreId: string; onDone: (status: string) => void }) {
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [birthYear, setBirthYear] = useState('');
  const [group, setGroup] = useState<Group | ''>('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const register = async (acknowledgedDuplicates: string[]) => {
    setBusy(true);
    try {
      const input = { centreId, givenName: givenName.trim(), familyName: familyName.trim(), sex: sex as Sex, birthYear: Number(birthYear), group: group as Group, acknowledgedDuplicates, commandId: newCommandId() };
      const { data } = await request(RegisterParticipant, { input });
      onDone(t('people.registered', { code: data.registerParticipant.participant.code }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const year = Number(birthYear);
    if (!givenName.trim() || !familyName.trim() || !sex || !group || !Number.isInteger(year) || year < 1900 || year > new Date().getFullYear()) {
      setError(new Error(t('people.fillAll')));
      return;
    }
    const found = await findMatches(centreId, givenName.trim(), familyName.trim(), year);
    if (found && found.length > 0) setMatches(found);
    else await register([]);
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="register-title">
      <h2 id="register-title">{t('people.register')}</h2>
      <PersonFields
        value={{ givenName, familyName, sex, birthYear, group }}
        onChange={(change) => {
          if (change.givenName !== undefined) setGivenName(change.givenName);
          if (change.familyName !== undefined) setFamilyName(change.familyName);
          if (change.sex !== undefined) setSex(change.sex);
          if (change.birthYear !== undefined) setBirthYear(change.birthYear);
          if (change.group !== undefined) setGroup(change.group);
        }}
      />
      {matches ? (
        <PossibleMatches
          matches={matches}
          onSame={(match) => onDone(t('people.alreadyRegistered', { code: match.participant.code }))}
          onDifferent={() => void register(matches.map((match) => match.participant.id))}
        />
      ) : (
        <button class="primary" type="submit" disabled={busy}>
          {t('people.registerSubmit')}
        </button>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

/** Possible duplicates at the chosen centre, merged with a reason; merged records can be unmerged. */
export function Duplicates() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const pairs = useQuery(PossibleDuplicates, centreId ? { centreId } : null);
  const children = useQuery(CentreChildren, centreId ? { id: centreId } : null);
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const merged = (children.data?.centre?.participants ?? []).filter((child) => child.mergedInto);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setFailure(null);
    try {
      await run();
      setStatus(done);
      setReason('');
      pairs.reload();
      children.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  const merge = (keep: Child, duplicate: Child) =>
    act(() => request(MergeParticipants, { input: { keepId: keep.id, duplicateId: duplicate.id, reason: reason.trim(), commandId: newCommandId() } }), t('people.mergedDone', { code: duplicate.code, kept: keep.code }));
  const unmerge = (child: Child) =>
    act(() => request(UnmergeParticipant, { input: { participantId: child.id, reason: reason.trim(), commandId: newCommandId() } }), t('people.unmergedDone', { code: child.code }));

  return (
    <Page title={t('people.duplicates')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <p class="muted">{t('people.duplicatesHelp')}</p>
      <Field label={t('people.reason')}>
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
      </Field>
      <Status text={status} />
      <ErrorNote error={failure} />
      <Loading load={pairs} />
      <ul class="list" aria-label={t('people.duplicates')}>
        {(pairs.data?.possibleDuplicates ?? []).map(({ participant, other, score }) => (
          <li key={`${participant.id}|${other.id}`} class="card">
            <p>
              <strong>{nameOf(participant)}</strong> ({participant.code}, {participant.birthYear}) — <strong>{nameOf(other)}</strong> ({other.code}, {other.birthYear}, {other.centre.name}) ·{' '}
              {t('people.score', { score: formatNumber(Math.round(score * 100)) })}
            </p>
            <div class="actions">
              <button type="button" disabled={!reason.trim()} onClick={() => void merge(participant, other)}>
                {t('people.mergeKeep', { code: participant.code })}
              </button>
              <button type="button" disabled={!reason.trim()} onClick={() => void merge(other, participant)}>
                {t('people.mergeKeep', { code: other.code })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pairs.data && pairs.data.possibleDuplicates.length === 0 ? <p class="muted">{t('people.noDuplicates')}</p> : null}
      {merged.length ? <h2>{t('people.merged')}</h2> : null}
      <ul class="list">
        {merged.map((child) => (
          <li key={child.id}>
            <span>
              {nameOf(child)} ({child.code}) → {child.mergedInto!.code}
            </span>{' '}
            <button type="button" disabled={!reason.trim()} onClick={() => void unmerge(child)}>
              {t('people.unmerge', { code: child.code })}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  );
}

const templates = {
  participants: { en: 'given_name,family_name,sex,birth_year,group,household_code,code\nAmela,Hodžić,FEMALE,2015,RETURNEE,,\n', sr: 'ime;prezime;pol;godina_rodjenja;grupa\nAmela;Hodžić;Ž;2015;povratnik\n' },
  attendance: { en: 'date,start_time,kind,title,participant_code\n2025-03-14,16:00,PSYCHOSOCIAL,Drama club,AB12C-DE34F\n', sr: 'datum;vreme;vrsta;naziv;sifra_ucesnika\n2025-03-14;16:00;PSYCHOSOCIAL;Dramska radionica;AB12C-DE34F\n' },
} as const;
const templateHref = (text: string) => `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${text}`)}`;

/** Import: choose a file, see the dry run's preview, then import. */
export function Import() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const [kind, setKind] = useState<'participants' | 'attendance'>('participants');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file || !centreId) return;
    setBusy(true);
    setFailure(null);
    try {
      const report = await importFile(kind, centreId, file, dryRun);
      if (dryRun) setPreview(report);
      else setResult(report);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('import.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <Field label={t('import.kind')}>
        <select value={kind} onChange={(e) => (setKind(e.currentTarget.value as 'participants' | 'attendance'), setPreview(null), setResult(null))}>
          <option value="participants">{t('import.participants')}</option>
          <option value="attendance">{t('import.attendance')}</option>
        </select>
      </Field>
      <p class="muted">{t(kind === 'participants' ? 'import.participantsColumns' : 'import.attendanceColumns')}</p>
      <p>
        <a href={templateHref(templates[kind].sr)} download={`${kind}-sr.csv`}>
          {t('import.templateSr')}
        </a>{' '}
        ·{' '}
        <a href={templateHref(templates[kind].en)} download={`${kind}-en.csv`}>
          {t('import.templateEn')}
        </a>
      </p>
      <Field label={t('import.file')}>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setPreview(null), setResult(null))} />
      </Field>
      <button type="button" disabled={!file || busy} onClick={() => void run(true)}>
        {t('import.preview')}
      </button>
      <ErrorNote error={failure} />
      {preview ? (
        <section class="card" aria-labelledby="preview-title" data-testid="import-preview">
          <h2 id="preview-title">{t('import.previewTitle')}</h2>
          <p>{t('import.summary', { rows: preview.rows, accepted: preview.accepted, rejected: preview.rejected.length })}</p>
          {preview.rejected.length ? (
            <ul aria-label={t('import.rejected')}>
              {preview.rejected.map((row) => (
                <li key={`${row.row}-${row.field}`}>{t('import.rejectedRow', { row: row.row, field: row.field, message: row.message })}</li>
              ))}
            </ul>
          ) : null}
          {preview.possibleDuplicates.length ? (
            <ul aria-label={t('import.duplicates')}>
              {preview.possibleDuplicates.map((d) => (
                <li key={`${d.row}-${d.participantId}`}>{t('import.duplicateRow', { row: d.row, code: d.code || '—', score: Math.round(d.score * 100) })}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" class="primary" disabled={busy || preview.accepted === 0} onClick={() => void run(false)}>
            {t('import.run', { count: preview.accepted })}
          </button>
        </section>
      ) : null}
      {result ? <Status text={t('import.done', { stored: result.stored, accepted: result.accepted })} /> : null}
    </Page>
  );
}
