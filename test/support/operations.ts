import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * The client contract's documents, read at run time from beside the repository
 * (`../shared/contract/` relative to the repo root, as in CI), so that the tests send exactly
 * what the clients send. CONTRACT_DIR overrides the folder.
 */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const contractDir = process.env.CONTRACT_DIR ? resolve(process.env.CONTRACT_DIR) : resolve(repoRoot, '../shared/contract');

/** One named operation: the whole document it lives in, sent with its `operationName`. */
export interface Operation {
  readonly operationName: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
  /** The whole source of the contract file (all operations and fragments). */
  readonly document: string;
}

export interface Contract {
  readonly file: string;
  readonly source: string;
  readonly ast: DocumentNode;
  /** Operation names in the order the file lists them. */
  readonly names: readonly string[];
  /** The named operation; throws when the contract has none by that name. */
  op(name: string): Operation;
}

/** Reads and parses a contract file (core.graphql, access.graphql, ...). */
export function loadContract(fileName: string): Contract {
  const file = resolve(contractDir, fileName);
  const source = readFileSync(file, 'utf8');
  const ast = parse(source);
  const operations = new Map<string, Operation>();
  for (const definition of ast.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!definition.name) throw new Error(`${file}: every contract operation must be named`);
    const operationName = definition.name.value;
    operations.set(operationName, { operationName, kind: definition.operation, document: source });
  }
  return {
    file,
    source,
    ast,
    names: [...operations.keys()],
    op(name) {
      const operation = operations.get(name);
      if (!operation) throw new Error(`${file} has no operation named ${name} (it has ${[...operations.keys()].join(', ')})`);
      return operation;
    },
  };
}

/** The names core.graphql is expected to hold; a missing one fails the test that uses it. */
export type CoreOperationName =
  | 'OpenCentre'
  | 'RegisterParticipant'
  | 'ScheduleWorkshop'
  | 'RecordAttendance'
  | 'RemoveAttendance'
  | 'CancelWorkshop'
  | 'RegisterVolunteer'
  | 'LogVolunteerHours'
  | 'RecordLegalConsultation'
  | 'RecordCulturalEvent'
  | 'CentreDashboard'
  | 'ProgrammeDashboard'
  | 'ParticipantParticipation';

let core: Contract | undefined;

/** core.graphql, read once per test file. */
export function coreContract(): Contract {
  core ??= loadContract('core.graphql');
  return core;
}

/** A core operation by name, e.g. `op('OpenCentre')`. */
export const op = (name: CoreOperationName): Operation => coreContract().op(name);
