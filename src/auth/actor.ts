export const roles = ['admin', 'coordinator', 'staff', 'legal', 'volunteer'] as const;
export type Role = (typeof roles)[number];

/** Who is asking: from a verified token, never from the request's input. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** Centres a staff member or legal adviser works at. */
  readonly centreIds: readonly string[];
  /** The volunteer a volunteer's token speaks for. */
  readonly volunteerId?: string;
}

/** The actor for tools that act for the deployment itself (demo loader, migrations). */
export const systemActor: Actor = { userId: 'system', role: 'admin', centreIds: [] };
