/** Local calendar dates as ISO strings (the API's `Date`), from the device's clock. */

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
export const today = () => isoDate(new Date());

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDate(new Date(y!, m! - 1, d! + days, 12));
}

/** Monday to Sunday of the week holding `iso`. */
export function weekOf(iso: string): { from: string; to: string } {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = (new Date(y!, m! - 1, d!, 12).getDay() + 6) % 7;
  const from = addDays(iso, -weekday);
  return { from, to: addDays(from, 6) };
}

export function monthsBack(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number);
  return isoDate(new Date(y!, m! - 1 - months, 1, 12));
}

/** `2026-10-14` and `16:30` as an instant with the device's offset: `2026-10-14T16:30:00+02:00`. */
export function localInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const offset = -new Date(y!, m! - 1, d!, hh!, mm!).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date}T${pad(hh!)}:${pad(mm!)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
