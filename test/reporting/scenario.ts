import type { Driver } from './support.js';

/**
 * A small programme whose figures are worked out by hand below, recorded through the commands:
 *
 * centres: A (Novi Pazar, Raška), B (Zlatibor centre, Zlatibor)
 * participants: p1 F 2015 RETURNEE (A), p2 M 2010 LOCAL (A), p3 F 1980 LOCAL (B), p4 OTHER 1950 RETURNEE (B)
 * workshops:
 *   wA1 2025-03-10 A PSYCHOSOCIAL   p1 p2
 *   wB1 2025-03-15 B PARENTING      p3 p4
 *   wA2 2025-04-02 A SCHOOL_SUPPORT p1 p3
 *   wA3 2025-03-20 A — scheduled, nobody came; wA4 2025-03-21 A — cancelled
 *   wA5 2025-03-22 A — p2 recorded then removed (scheduled again)
 * hours: 2.5 at A on 2025-03-05, 1.25 at B on 2025-03-06, 3 at A on 2025-03-07 retracted
 * consultations: p1 at A on 2025-03-03 and 2025-03-04, p3 at B on 2025-03-05, p2 at A on 2025-03-06 retracted
 * cultural events: A on 2025-03-08, 25 counted then corrected to 30; B on 2025-04-08, 25
 */
export async function recordScenario(d: Driver) {
  const A = await d.openCentre('Novi Pazar Community Centre', 'Raška', 'Novi Pazar');
  const B = await d.openCentre('Zlatibor centre', 'Zlatibor', 'Užice');
  const p1 = await d.registerParticipant(A, { sex: 'FEMALE', birthYear: 2015, group: 'RETURNEE' });
  const p2 = await d.registerParticipant(A, { sex: 'MALE', birthYear: 2010, group: 'LOCAL' });
  const p3 = await d.registerParticipant(B, { sex: 'FEMALE', birthYear: 1980, group: 'LOCAL' });
  const p4 = await d.registerParticipant(B, { sex: 'OTHER', birthYear: 1950, group: 'RETURNEE' });

  const wA1 = await d.scheduleWorkshop(A, '2025-03-10', 'PSYCHOSOCIAL');
  await d.recordAttendance(wA1, [p1, p2]);
  const wB1 = await d.scheduleWorkshop(B, '2025-03-15', 'PARENTING');
  await d.recordAttendance(wB1, [p3, p4]);
  const wA2 = await d.scheduleWorkshop(A, '2025-04-02', 'SCHOOL_SUPPORT');
  await d.recordAttendance(wA2, [p1, p3]);
  await d.scheduleWorkshop(A, '2025-03-20', 'INCLUSIVE');
  const wA4 = await d.scheduleWorkshop(A, '2025-03-21', 'INCLUSIVE');
  await d.cancelWorkshop(wA4);
  const wA5 = await d.scheduleWorkshop(A, '2025-03-22', 'INCLUSIVE');
  await d.recordAttendance(wA5, [p2]);
  await d.removeAttendance(wA5, p2);

  const v = await d.registerVolunteer(A);
  await d.logHours(v, A, '2025-03-05', 2.5);
  await d.logHours(v, B, '2025-03-06', 1.25);
  await d.retractHours(await d.logHours(v, A, '2025-03-07', 3));

  await d.recordConsultation(A, p1, '2025-03-03');
  await d.recordConsultation(A, p1, '2025-03-04');
  await d.recordConsultation(B, p3, '2025-03-05');
  await d.retractConsultation(await d.recordConsultation(A, p2, '2025-03-06'));

  const eA = await d.recordCulturalEvent(A, '2025-03-08');
  await d.correctAudience(eA, { women: 12, men: 6, girls: 8, boys: 4 });
  await d.recordCulturalEvent(B, '2025-04-08');

  return { A, B, p1, p2, p3, p4, wA1, wB1, wA2 };
}

export type Scenario = Awaited<ReturnType<typeof recordScenario>>;

export const MARCH = { from: '2025-03-01', to: '2025-03-31' } as const;
