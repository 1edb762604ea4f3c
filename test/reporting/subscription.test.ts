import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, openTestLedger, startHttp, type TestLedger } from './support.js';

interface Summary {
  attendances: number;
  uniqueParticipants: number;
  workshopsHeld: number;
}

/**
 * A GraphQL subscription over server-sent events, as a browser dashboard opens it. `next()`
 * resolves with the next `next` event's data, or rejects after `timeoutMs`.
 */
async function subscribe(origin: string, query: string, variables: Record<string, unknown>) {
  const controller = new AbortController();
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer test' },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`the subscription answered ${response.status}: ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: { data?: any; errors?: unknown }[] = [];
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: next')) continue;
          const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          events.push(JSON.parse(data));
          wake?.();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    async next(timeoutMs = 1000): Promise<{ data?: any; errors?: unknown }> {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return events.shift()!;
    },
    pending: () => events.length,
    close: () => controller.abort(),
  };
}

const RECORD = `mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { workshop { attendeeCount } position } }`;

describe('live summaries over server-sent events', () => {
  let test: TestLedger;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let centre: string;
  let other: string;
  let workshop: string;
  let otherWorkshop: string;
  let participants: string[];

  beforeAll(async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    centre = await d.openCentre('Novi Pazar');
    other = await d.openCentre('Tutin');
    participants = [await d.registerParticipant(centre), await d.registerParticipant(centre), await d.registerParticipant(other)];
    workshop = await d.scheduleWorkshop(centre, '2025-03-10');
    otherWorkshop = await d.scheduleWorkshop(other, '2025-03-11');
    http = await startHttp(test);
  });
  afterAll(async () => {
    await http.close();
    await test.close();
  });

  it('given an open programme dashboard, when attendance is recorded through a mutation, then the new summary arrives within a second', async () => {
    const live = await subscribe(
      http.origin,
      `subscription ($from: Date, $to: Date) { programmeSummaryUpdated(from: $from, to: $to) { attendances uniqueParticipants workshopsHeld } }`,
      { from: '2025-03-01', to: '2025-03-31' },
    );
    try {
      const initial = await live.next(2000);
      expect(initial.data.programmeSummaryUpdated).toEqual<Summary>({ attendances: 0, uniqueParticipants: 0, workshopsHeld: 0 });

      const answer = await http.gql(RECORD, { input: { workshopId: workshop, participantIds: [participants[0]] } });
      expect(answer.errors).toBeUndefined();
      const started = Date.now();
      const update = await live.next(1000);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(update.data.programmeSummaryUpdated).toEqual<Summary>({ attendances: 1, uniqueParticipants: 1, workshopsHeld: 1 });
    } finally {
      live.close();
    }
  });

  it('given a centre dashboard, when another centre records, then nothing is sent; when this centre records, the update comes', async () => {
    const live = await subscribe(
      http.origin,
      `subscription ($id: ID!) { centreSummaryUpdated(centreId: $id, from: "2025-03-01", to: "2025-03-31") { attendances uniqueParticipants workshopsHeld } }`,
      { id: centre },
    );
    try {
      const initial = await live.next(2000);
      const before = initial.data.centreSummaryUpdated as Summary;

      await http.gql(RECORD, { input: { workshopId: otherWorkshop, participantIds: [participants[2]] } });
      await expect(live.next(600)).rejects.toThrow(/no event/);

      await http.gql(RECORD, { input: { workshopId: workshop, participantIds: [participants[1]] } });
      const update = await live.next(1000);
      expect(update.data.centreSummaryUpdated).toEqual({ ...before, attendances: before.attendances + 1, uniqueParticipants: before.uniqueParticipants + 1 });
    } finally {
      live.close();
    }
  });

  it('given an open programme dashboard, when an individual session, a referral and assistance are recorded, then each pushes the new service figures', async () => {
    const live = await subscribe(
      http.origin,
      `subscription { programmeSummaryUpdated(from: "2025-03-01", to: "2025-03-31") { individualSessions referralsMade assistanceRecipients uniqueBeneficiaries } }`,
      {},
    );
    try {
      const before = (await live.next(2000)).data.programmeSummaryUpdated as Record<string, number>;
      const input = { centreId: other, participantId: participants[2], date: '2025-03-12' };
      const session = await http.gql(`mutation ($input: RecordIndividualSessionInput!) { recordIndividualSession(input: $input) { position } }`, {
        input: { ...input, kind: 'COUNSELLING', durationMinutes: 45 },
      });
      expect(session.errors).toBeUndefined();
      const afterSession = (await live.next(1000)).data.programmeSummaryUpdated;
      // The person attended a workshop at Tutin in March: already a beneficiary, counted once.
      expect(afterSession).toEqual({ ...before, individualSessions: before.individualSessions! + 1 });

      await http.gql(`mutation ($input: MakeReferralInput!) { makeReferral(input: $input) { position } }`, { input: { ...input, service: 'HEALTH', organisation: 'Dom zdravlja Tutin' } });
      expect((await live.next(1000)).data.programmeSummaryUpdated).toEqual({ ...afterSession, referralsMade: afterSession.referralsMade + 1 });

      await http.gql(`mutation ($input: RecordAssistanceInput!) { recordAssistance(input: $input) { position } }`, { input: { ...input, kind: 'HYGIENE_KIT' } });
      expect((await live.next(1000)).data.programmeSummaryUpdated).toMatchObject({ assistanceRecipients: before.assistanceRecipients! + 1, uniqueBeneficiaries: afterSession.uniqueBeneficiaries });
    } finally {
      live.close();
    }
  });

  it('given an unknown centre, then the subscription answers NOT_FOUND on centreId', async () => {
    const live = await subscribe(http.origin, `subscription { centreSummaryUpdated(centreId: "nope") { attendances } }`, {});
    try {
      const answer = await live.next(2000);
      expect(answer.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND', field: 'centreId' } }]);
    } finally {
      live.close();
    }
  });
});
