import type { OpenLedger } from '../app.js';
import type { CommandContext } from '../commands/ledger.js';
import type { IndicatorFigure } from '../read/programmes.js';

/**
 * RE!NTEGRATE II as a programme with its own logframe (figures from the donor's published targets:
 * 1,000 inclusive workshops, 2,000 beneficiaries, at least 40% of them women), its third quarter
 * closed as the report sent, and one late entry into that quarter with its reason.
 */
export async function loadDemoProgramme(
  ledger: OpenLedger,
  context: () => CommandContext,
  demo: { from: string; to: string; centres: readonly { id: string; children: readonly string[] }[] },
) {
  const { commands } = ledger;
  const quarter = { from: '2026-07-01', to: '2026-09-30' };
  const { result } = await commands.defineProgramme(context(), {
    name: 'RE!NTEGRATE II',
    donor: 'BMZ (through ASB)',
    from: demo.from,
    to: demo.to,
    centreIds: demo.centres.map((centre) => centre.id),
  });
  const { programmeId } = result;
  const indicators = [
    { code: '1.1', name: 'Inclusive workshops held', measure: 'WORKSHOPS_HELD', filter: { kinds: ['INCLUSIVE'] }, target: 1000, disaggregateBy: ['CENTRE'] },
    { code: '1.2', name: 'Beneficiaries (returnees and vulnerable local families)', measure: 'UNIQUE_BENEFICIARIES', target: 2000, disaggregateBy: ['GROUP', 'CENTRE'] },
    { code: '1.3', name: 'Share of women and girls among beneficiaries', measure: 'FEMALE_SHARE', target: 0.4 },
    // The seed gives no target of its own for these three: they are reported without one.
    {
      code: '1.4',
      name: 'Children in regular school support (4+ sessions)',
      measure: 'UNIQUE_PARTICIPANTS',
      filter: { kinds: ['SCHOOL_SUPPORT'], ageGroups: ['AGE_5_11', 'AGE_12_17'], minSessions: 4 },
      disaggregateBy: ['SEX', 'AGE_GROUP'],
    },
    { code: '2.1', name: 'People given legal aid', measure: 'LEGAL_AID_BENEFICIARIES', disaggregateBy: ['GROUP', 'CENTRE'] },
    { code: '3.1', name: 'Volunteer hours', measure: 'VOLUNTEER_HOURS', disaggregateBy: ['MONTH'] },
  ];
  for (const indicator of indicators) await commands.defineIndicator(context(), { programmeId, ...indicator });
  await ledger.runner.waitFor(await ledger.store.headPosition(), 60_000);

  await commands.closeReportingPeriod(context(), { programmeId, ...quarter, note: 'Q3 2026 report to the donor' });
  // A paper attendance list from September turns up after the report was sent.
  const centre = demo.centres[0]!;
  const late = { lateEntryReason: 'paper attendance list handed in after the quarter was reported' };
  const { result: workshop } = await commands.scheduleWorkshop(context(), {
    centreId: centre.id,
    kind: 'INCLUSIVE',
    title: 'Inkluzivna radionica (naknadno uneta)',
    startsAt: '2026-09-29T14:00:00Z',
    durationMinutes: 90,
    ...late,
  });
  await commands.recordAttendance(context(), { workshopId: workshop.workshopId, participantIds: centre.children.slice(0, 8), ...late });
  await ledger.runner.waitFor(await ledger.store.headPosition(), 60_000);

  const programme = ledger.read.programmes.programme(programmeId)!;
  return { programmeId, quarter, figures: ledger.read.programmes.figures(programme, quarter.from, quarter.to, null) };
}

/** The report as a Markdown table (the README shows the demo's). */
export function reportTable(figures: readonly IndicatorFigure[]): string {
  const shares = new Set(['FEMALE_SHARE', 'RETURNEE_SHARE', 'CYCLE_COMPLETION']);
  const show = (figure: IndicatorFigure, value: number | null) =>
    value === null ? '–' : shares.has(figure.indicator.version.measure) ? `${(value * 100).toFixed(1)} %` : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  const rows = figures.map((f) =>
    [f.indicator.code, f.indicator.version.name, show(f, f.value), show(f, f.target), f.progress === null ? '–' : `${(f.progress * 100).toFixed(1)} %`, show(f, f.valueAsReported)].join(' | '),
  );
  return ['| code | indicator | value | target | progress | as reported |', '| --- | --- | ---: | ---: | ---: | ---: |', ...rows.map((row) => `| ${row} |`)].join('\n');
}
