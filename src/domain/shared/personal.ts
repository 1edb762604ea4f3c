import { z } from 'zod';

/**
 * Personal data as events and views hold it: sealed with the person's own key (see
 * src/privacy/vault.ts), JSON-safe, and opaque once that key is erased.
 */
export const SealedPersonal = z
  .object({
    v: z.literal(1),
    /** base64 of IV (12 bytes) ‖ authentication tag (16 bytes) ‖ ciphertext. */
    ciphertext: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
  })
  .strict();
export type Sealed = z.infer<typeof SealedPersonal>;
