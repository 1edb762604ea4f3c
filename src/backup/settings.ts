/** The backup settings' formats: a key of 32 bytes, and durations such as `24h`. */

/** BACKUP_KEY: 32 bytes as 64 hex characters or as base64; undefined for anything else. */
export function parseBackupKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `90m`, `24h`, `7d` in milliseconds (a second at least); undefined for anything else. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d{1,6})(s|m|h|d)$/.exec(value.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return ms >= 1_000 ? ms : undefined;
}
