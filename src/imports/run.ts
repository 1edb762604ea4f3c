import { createHmac } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import type { Commands } from '../commands/index.js';
import type { CommandContext, Handled } from '../commands/ledger.js';
import type { NameIndex } from '../people/name-index.js';
import type { ReadModel } from '../read/index.js';
import { isDomainError } from '../domain/shared/errors.js';

/** One refused row: its number in the file, the column as the file's header writes it, and why. */
export interface RejectedRow {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export interface PossibleDuplicate {
  readonly row: number;
  readonly participantId: string;
  readonly code: string;
  readonly score: number;
}

/** The answer of an import, dry run or not (the contract's shape). */
export interface ImportReport {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: RejectedRow[];
  readonly possibleDuplicates: PossibleDuplicate[];
  readonly stored: number;
}

export interface ImportDeps {
  readonly commands: Commands;
  readonly read: ReadModel;
  readonly names: NameIndex;
  /** Keys the rows' command ids: a plain hash of a row would let names be guessed from the commands table. */
  readonly secret: Uint8Array | string;
  readonly timeZone: string;
  /** Creates the keys of the people about to be registered, in one write (see Vault.prepareKeys). */
  readonly prepareKeys?: (subjectIds: readonly string[]) => void;
}

export interface ImportRequest {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly centreId: string;
  readonly dryRun: boolean;
}

/**
 * A row's command id: the same row of the same file for the same centre always gets the same one,
 * so importing a file again answers each row from its first import and stores nothing new.
 */
export const rowCommandId = (secret: Uint8Array | string, ...parts: readonly string[]) =>
  `import:${createHmac('sha256', secret).update(JSON.stringify(parts)).digest('base64url')}`;

export const commandContext = (request: ImportRequest, commandId: string): CommandContext => ({
  actor: request.actor,
  correlationId: request.correlationId,
  commandId,
});

/** Runs one row's command: its answer, or the row refused with the column that caused it. */
export async function runRow<R>(
  run: () => Promise<Handled<R>>,
  columnOf: (field: string | undefined) => string,
): Promise<{ handled: Handled<R> } | { refused: { field: string; message: string; duplicates?: string[] } }> {
  try {
    return { handled: await run() };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const duplicates = error.details?.['duplicates'];
    return {
      refused: {
        field: columnOf(error.field),
        message: error.message,
        ...(Array.isArray(duplicates) ? { duplicates: duplicates as string[] } : {}),
      },
    };
  }
}
