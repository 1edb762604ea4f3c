import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { roles, type Role } from '../auth/actor.js';
import { issueLocalToken, loadOrCreateLocalSecret, type LocalTokenRequest } from '../auth/tokens.js';

/**
 * Prints one token for the local secret of DATA_DIR (or AUTH_SECRET):
 *   npm run --silent token -- --role <role> [--centre <id>]... [--volunteer <id>] [--user <name>] [--days <n>]
 * Only the token goes to stdout, so `TOKEN=$(npm run --silent token -- ...)` works; messages go to stderr.
 */

const usage =
  'usage: token --role <admin|coordinator|staff|legal|volunteer> [--centre <id>]... [--volunteer <id>] [--user <name>] [--days <n>]';

const DEFAULT_DAYS = 30;
/** A forgotten long-lived token is a standing key to children's records; a year is the most we print. */
const MAX_DAYS = 366;

/** Wrong arguments: told to the user with the usage line and exit code 2, unlike a failure to issue. */
type UsageError = Error & { readonly usage: true };
const usageError = (message: string): UsageError => Object.assign(new Error(message), { usage: true as const });
const isUsageError = (error: unknown): error is UsageError => error instanceof Error && (error as Partial<UsageError>).usage === true;

/** The token request the arguments describe; throws a usage error saying what is wrong with them. */
export function tokenRequestFromArguments(args: readonly string[]): LocalTokenRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        centre: { type: 'string', multiple: true },
        volunteer: { type: 'string' },
        user: { type: 'string' },
        days: { type: 'string' },
      },
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const role = values.role;
  if (role === undefined) throw usageError('--role is required');
  if (!(roles as readonly string[]).includes(role)) throw usageError(`unknown role "${role}"; use one of ${roles.join(', ')}`);
  const centreIds = (values.centre ?? []).map((id) => id.trim());
  if (centreIds.some((id) => id === '')) throw usageError('--centre needs a centre id');
  if ((role === 'staff' || role === 'legal') && centreIds.length === 0) throw usageError(`a ${role} token needs at least one --centre <id>`);
  const volunteerId = values.volunteer?.trim();
  if (role === 'volunteer' && !volunteerId) throw usageError('a volunteer token needs --volunteer <id>');
  const userId = values.user?.trim() || `local-${role}`;
  const days = values.days === undefined ? DEFAULT_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw usageError(`--days must be a whole number from 1 to ${MAX_DAYS}`);
  return {
    role: role as Role,
    userId,
    days,
    ...(centreIds.length > 0 ? { centreIds } : {}),
    ...(volunteerId ? { volunteerId } : {}),
  };
}

async function main(): Promise<number> {
  let request: LocalTokenRequest;
  try {
    request = tokenRequestFromArguments(process.argv.slice(2));
  } catch (error) {
    if (!isUsageError(error)) throw error;
    process.stderr.write(`${error.message}\n${usage}\n`);
    return 2;
  }
  if (process.env.AUTH_JWKS_URL) {
    process.stderr.write('note: AUTH_JWKS_URL is set, so the server accepts identity-provider tokens, not this one\n');
  }
  const secret = loadOrCreateLocalSecret(process.env.DATA_DIR || './data', process.env.AUTH_SECRET);
  process.stdout.write(`${await issueLocalToken(secret, request)}\n`);
  return 0;
}

const runAsScript = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (runAsScript) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
