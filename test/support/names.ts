let registered = 0;

/**
 * A family name no other test registration shares: registering the same person twice is refused
 * (see src/domain/people/matching.ts), and numbers in names tell people apart.
 */
export const uniqueFamilyName = (base = 'Hodžić') => `${base} ${++registered}`;
