/**
 * Checks a DATA_DIR (or a backup opened into a scratch folder): every event parses against the
 * catalogue, each stream's revisions run 0, 1, 2… without a gap, the command records point at
 * stored events and every command id in the events has its record, and keys.db holds a key for
 * every person with sealed data who is not erased.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseLedgerEvent } from '../domain/catalogue.js';

export interface Verification {
  readonly events: number;
  readonly streams: number;
  readonly commands: number;
  readonly sealedSubjects: number;
  /** What is wrong, one sentence each; empty when all is well. */
  readonly problems: string[];
}

const MAX_PROBLEMS = 50;

export function verifyDataDir(dataDir: string): Verification {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const eventsFile = join(dataDir, 'events.db');
  if (!existsSync(eventsFile)) return { events: 0, streams: 0, commands: 0, sealedSubjects: 0, problems: [`${eventsFile} is missing`] };
  const log = new Database(eventsFile, { readonly: true, fileMustExist: true });
  const keysFile = join(dataDir, 'keys.db');
  const keys = existsSync(keysFile) ? new Database(keysFile, { readonly: true, fileMustExist: true }) : undefined;
  try {
    const hasKey = keys?.prepare(`SELECT 1 FROM keys WHERE subject_id = ?`).pluck();
    const isErased = keys?.prepare(`SELECT 1 FROM erased WHERE subject_id = ?`).pluck();
    const commandIds = new Set<string>();
    const sealed = new Set<string>();
    let events = 0;
    for (const row of log.prepare(`SELECT position, stream_id, revision, type, data, metadata FROM events ORDER BY position`).iterate() as Iterable<{
      position: number;
      stream_id: string;
      revision: number;
      type: string;
      data: string;
      metadata: string;
    }>) {
      events += 1;
      let data: { personal?: unknown; participantId?: string; volunteerId?: string; householdId?: string };
      try {
        data = JSON.parse(row.data);
        parseLedgerEvent({ type: row.type, data });
        const metadata = JSON.parse(row.metadata) as { commandId?: string };
        if (metadata.commandId) commandIds.add(metadata.commandId);
      } catch (error) {
        problem(`the event at position ${row.position} (${row.type}) does not parse: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (data.personal != null) {
        const subject = data.participantId ?? data.volunteerId ?? data.householdId;
        if (subject) sealed.add(subject);
      }
    }
    // Gapless: a stream with n events has revisions 0 … n-1 (UNIQUE (stream_id, revision) rules out doubles).
    const streams = log
      .prepare(`SELECT stream_id, count(*) AS n, min(revision) AS low, max(revision) AS high FROM events GROUP BY stream_id`)
      .all() as { stream_id: string; n: number; low: number; high: number }[];
    for (const stream of streams) {
      if (stream.low !== 0 || stream.high !== stream.n - 1) problem(`the stream ${stream.stream_id} has a gap in its revisions (${stream.n} events, revisions ${stream.low} to ${stream.high})`);
    }
    const records = log.prepare(`SELECT command_id, position FROM commands`).all() as { command_id: string; position: number }[];
    const eventAt = log.prepare(`SELECT 1 FROM events WHERE position = ?`).pluck();
    const recorded = new Set<string>();
    for (const record of records) {
      recorded.add(record.command_id);
      if (record.position > 0 && !eventAt.get(record.position)) problem(`the command record ${record.command_id} points at position ${record.position}, where no event is stored`);
    }
    for (const id of commandIds) if (!recorded.has(id)) problem(`events name the command ${id}, which has no command record`);
    if (sealed.size > 0 && !keys) problem(`the log holds sealed personal data but ${keysFile} is missing: every name would be lost`);
    for (const subject of sealed) {
      if (keys && !hasKey!.get(subject) && !isErased!.get(subject)) problem(`no key for ${subject}, who has sealed personal data and is not erased`);
    }
    return { events, streams: streams.length, commands: records.length, sealedSubjects: sealed.size, problems };
  } finally {
    log.close();
    keys?.close();
  }
}
