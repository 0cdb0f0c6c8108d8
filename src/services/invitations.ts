/**
 * Inviting people to choose their first password: each gets a one-time link (the password-reset token
 * machinery: single use, an expiry, a new link voids the older ones), sent by mail when a server is set,
 * else handed back for the admin to pass on. A mail that fails still leaves a working link to pass on.
 */
import type { Invitation } from "../store/invitations.repository.js";
import type { Store } from "../store/store.js";
import type { Person } from "../store/types.js";
import { MailError, type Mailer, type OutgoingMail } from "./mail.js";

/** The token payload that tells an invitation from a password reset (both use the "reset" purpose). */
export const INVITE_PAYLOAD = "invite";

export interface InviteOptions {
  /** How long the link works. */
  ttlMs: number;
  /** The full address of the page a token opens. */
  linkFor(token: string): string;
  /** Sends the mail; none: every link is handed back to pass on. */
  mailer?: Mailer | undefined;
  /** Who invites, named in the mail. */
  inviter: string;
  /** How a time is written in the mail (the recipient's zone is unknown: UTC). */
  formatTime(date: Date): string;
}

/** What became of one person's invitation. */
export type InviteOutcome =
  | { person: Person; status: "mailed"; invitation: Invitation }
  | { person: Person; status: "link"; invitation: Invitation; link: string; mailError?: string }
  | { person: Person; status: "skipped"; reason: string };

/** The invitation mail: who invites, the link, until when it works, and what to do when it was unexpected. */
export function invitationMail(person: Person, link: string, until: string, inviter: string): OutgoingMail {
  return {
    to: { name: person.name, address: person.email },
    subject: "You are invited to rungs",
    text: [
      `Hello ${person.name},`,
      "",
      `${inviter} invited you to rungs, where your organization keeps its career framework: the levels, what`,
      "each one expects, your assessments and your goals.",
      "",
      `Open this link to choose your password (it works once, until ${until}):`,
      "",
      link,
      "",
      "If you did not expect this mail, you can ignore it: nothing happens unless the link is used.",
      "",
    ].join("\n"),
  };
}

/** Why a person is not invited, if they are not. */
function skipReason(person: Person): string | undefined {
  if (!person.active) return "deactivated: reactivate them first";
  if (person.hasPassword) return "already has a password (send a password reset link if they lost it)";
  return undefined;
}

/**
 * Invites each person in turn. After a failure that says the server itself is unusable (unreachable, wrong
 * credentials), the rest are not tried: their links are handed back with the same reason.
 */
export async function invitePeople(
  store: Store,
  people: readonly Person[],
  options: InviteOptions,
): Promise<InviteOutcome[]> {
  const outcomes: InviteOutcome[] = [];
  let serverDown: string | undefined;
  for (const person of people) {
    const reason = skipReason(person);
    if (reason) {
      outcomes.push({ person, status: "skipped", reason });
      continue;
    }
    await store.tokens.revokeFor(person.id, "reset");
    const token = await store.tokens.issue("reset", {
      personId: person.id,
      payload: INVITE_PAYLOAD,
      ttlMs: options.ttlMs,
    });
    const link = options.linkFor(token);
    const expiresAt = (await store.tokens.find("reset", token))?.expiresAt ?? new Date(Number.NaN);
    let mailError = serverDown;
    if (options.mailer && serverDown === undefined) {
      try {
        const mail = invitationMail(person, link, options.formatTime(expiresAt), options.inviter);
        await options.mailer.send(mail);
        const invitation = await store.invitations.record(person.id, expiresAt, "mail");
        outcomes.push({ person, status: "mailed", invitation });
        continue;
      } catch (error) {
        if (!(error instanceof MailError)) throw error;
        mailError = error.message;
        if (error.stop) serverDown = `Not tried: ${error.message}`;
      }
    }
    const invitation = await store.invitations.record(person.id, expiresAt, "link");
    outcomes.push({
      person,
      status: "link",
      invitation,
      link,
      ...(mailError !== undefined ? { mailError } : {}),
    });
  }
  return outcomes;
}
