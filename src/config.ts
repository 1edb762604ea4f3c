import { resolve } from 'node:path';
import { z } from 'zod';
import type { OidcSettings } from './auth/oidc.js';
import { isSecureOrLoopback } from './auth/tokens.js';
import { isValidTimeZone } from './domain/shared/time.js';
import { parseBackupKey, parseDuration } from './backup/settings.js';
import { erasureListPath } from './backup/erasures.js';

const secureUrl = (value: string) => {
  try {
    return isSecureOrLoopback(new URL(value));
  } catch {
    return false;
  }
};
/** An origin exactly as a browser sends it: scheme, host and port, nothing after. */
const isOrigin = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value;
  } catch {
    return false;
  }
};
const HTTPS_ONLY = 'must be an https URL (plain http only for localhost)';

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  DATA_DIR: z.string().min(1).default('./data'),
  TZ: z
    .string()
    .min(1)
    .default('Europe/Belgrade')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Belgrade'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  KURRENTDB_CONNECTION_STRING: z.string().min(1).optional(),
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  VIEWS_THREAD: z.enum(['true', 'false']).default('true'),
  VIEWS_GATHER_MS: z.coerce.number().int().min(0).max(200).default(10),
  DATA_KEY: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().optional(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  // Signing in to the web app through the identity provider (OpenID Connect), see src/auth/oidc.ts.
  AUTH_OIDC_ISSUER: z.string().refine(secureUrl, HTTPS_ONLY).optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_REDIRECT_URL: z
    .string()
    .refine((value) => secureUrl(value) && new URL(value).pathname.endsWith('/auth/oidc/callback'), `${HTTPS_ONLY}, ending in /auth/oidc/callback`)
    .optional(),
  AUTH_OIDC_SCOPES: z
    .string()
    .refine((value) => value.split(/\s+/).includes('openid'), 'must include openid')
    .default('openid profile'),
  AUTH_OIDC_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  // Operating it (README): metrics and the server's own backups.
  METRICS: z.enum(['true', 'false']).default('false'),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY: z.string().refine((value) => parseDuration(value) !== undefined, 'must be a duration such as 24h, 90m or 7d').optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
  BACKUP_KEY: z.string().min(1).optional(),
  ERASURE_LIST: z.string().min(1).optional(),
  // Web origins besides the server's own that may call the API with a signed-in person's cookie.
  CORS_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((one) => isOrigin(one.trim())), 'must be origins like https://app.example.org, separated by commas')
    .optional(),
  // How long one GraphQL request may run before it is cancelled (docs/design.md, bounded queries).
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  // The estimated fields a query may resolve, lists multiplied by their length (src/api/guards/cost.ts).
  QUERY_MAX_COST: z.coerce.number().int().min(100).max(100_000_000).default(50_000),
  // Views to build again in the background at this start, once (src/projection/rebuild-request.ts).
  REBUILD_VIEWS: z
    .string()
    .refine((value) => value.split(',').every((one) => /^[a-z_]+$/.test(one.trim())), 'must be view names like attendance,workshops, separated by commas')
    .optional(),
}).superRefine((env, context) => {
  const other = (['AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET', 'AUTH_OIDC_REDIRECT_URL'] as const).find((name) => env[name] !== undefined);
  if (!env.AUTH_OIDC_ISSUER && other) context.addIssue({ code: 'custom', path: ['AUTH_OIDC_ISSUER'], message: `is required with ${other}` });
  if (env.AUTH_OIDC_ISSUER && !env.AUTH_OIDC_CLIENT_ID) context.addIssue({ code: 'custom', path: ['AUTH_OIDC_CLIENT_ID'], message: 'is required with AUTH_OIDC_ISSUER' });
  if (env.BACKUP_EVERY && !env.BACKUP_DIR) context.addIssue({ code: 'custom', path: ['BACKUP_DIR'], message: 'is required with BACKUP_EVERY' });
  if (env.BACKUP_EVERY && env.BACKUP_KEY && !parseBackupKey(env.BACKUP_KEY)) {
    context.addIssue({ code: 'custom', path: ['BACKUP_KEY'], message: 'must be 32 bytes as 64 hex characters or base64' });
  }
  if (env.BACKUP_EVERY && !env.BACKUP_KEY) context.addIssue({ code: 'custom', path: ['BACKUP_KEY'], message: 'is required with BACKUP_EVERY (backups are always encrypted)' });
  if (env.AUTH_OIDC_ISSUER && !env.AUTH_JWKS_URL) {
    context.addIssue({ code: 'custom', path: ['AUTH_OIDC_ISSUER'], message: 'needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE (the API verifies the same provider\'s tokens)' });
  }
});

export type Config = ReturnType<typeof parseConfig>;

/** Reads the environment; a bad value stops the start with a message naming the variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env) {
  // An empty variable means "not set", as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`bad configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  const production = values.NODE_ENV === 'production';
  return {
    port: values.PORT,
    dataDir,
    eventsFile: resolve(dataDir, 'events.db'),
    viewsFile: resolve(dataDir, 'views.db'),
    timeZone: values.TZ,
    logLevel: values.LOG_LEVEL,
    production,
    /** Introspection and GraphiQL: on in development, off in production unless asked for. */
    introspection: values.GRAPHQL_INTROSPECTION ? values.GRAPHQL_INTROSPECTION === 'true' : !production,
    dataKey: values.DATA_KEY,
    /** The token settings (AUTH_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, claim names) as given. */
    authEnvironment: Object.fromEntries(Object.entries(present).filter(([name]) => name.startsWith('AUTH_'))) as Record<string, string>,
    synchronous: values.SQLITE_SYNCHRONOUS,
    kurrentDbConnectionString: values.KURRENTDB_CONNECTION_STRING,
    readYourWritesTimeoutMs: values.READ_YOUR_WRITES_TIMEOUT_MS,
    corsOrigins: values.CORS_ORIGINS ? values.CORS_ORIGINS.split(',').map((one) => one.trim()) : [],
    queryTimeoutMs: values.QUERY_TIMEOUT_MS,
    queryMaxCost: values.QUERY_MAX_COST,
    /** Views to build again from the log in the background at this start (REBUILD_VIEWS); none by default. */
    rebuildViews: values.REBUILD_VIEWS ? values.REBUILD_VIEWS.split(',').map((one) => one.trim()) : [],
    /**
     * The server applies events to the views on a thread of its own (src/projection/threaded-runner.ts),
     * off the thread that answers requests. false keeps everything on one thread.
     */
    viewsThread: values.VIEWS_THREAD === 'true',
    /**
     * How long the views' thread lets writes gather after a batch before applying the next
     * (VIEWS_GATHER_MS): under load a batch then holds several writes and their shared documents
     * are written once. A read that waits for the views ends the gathering at once.
     */
    viewsGatherMs: values.VIEWS_GATHER_MS,
    /** GET /metrics in Prometheus' format (METRICS=true). */
    metrics: values.METRICS === 'true',
    /** The server's own backups (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP, BACKUP_KEY); undefined without BACKUP_EVERY. */
    backups: values.BACKUP_EVERY
      ? { dir: resolve(values.BACKUP_DIR!), everyMs: parseDuration(values.BACKUP_EVERY)!, keep: values.BACKUP_KEEP, key: parseBackupKey(values.BACKUP_KEY!)! }
      : undefined,
    /** The ids of erased people, kept apart from the backups and applied again on restore and at each start (src/backup/erasures.ts). */
    erasureList: resolve(erasureListPath(values, dataDir)),
    /** Signing in to the web app through the identity provider (OpenID Connect); undefined without AUTH_OIDC_ISSUER. */
    oidc: values.AUTH_OIDC_ISSUER
      ? ({
          issuer: values.AUTH_OIDC_ISSUER,
          clientId: values.AUTH_OIDC_CLIENT_ID!,
          clientSecret: values.AUTH_OIDC_CLIENT_SECRET,
          redirectUrl: values.AUTH_OIDC_REDIRECT_URL,
          scopes: values.AUTH_OIDC_SCOPES.trim().split(/\s+/).join(' '),
          sessionMaxMs: Math.round(values.AUTH_OIDC_SESSION_HOURS * 3_600_000),
        } satisfies OidcSettings)
      : undefined,
  };
}
