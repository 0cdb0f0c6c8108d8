/**
 * `rungs user invite`: invitations in bulk from the command line, through the same service as the admin
 * page (src/services/invitations.ts): people by email, everyone without a password (`--all`), or everyone
 * below a manager who has none yet (`--team`). Mailed when `rungs serve`'s mail settings are in the
 * environment (RUNGS_SMTP_URL, RUNGS_MAIL_FROM); otherwise, or when a mail fails, each link is printed to
 * pass on.
 *
 * Exit statuses: an unknown email or a bad setting is a UsageError (2) and nobody is invited; someone asked
 * for by email who cannot be invited (has a password, deactivated) or a mail that failed is 1, after the
 * others are done.
 */
import { type InviteOutcome, invitePeople } from "../services/invitations.js";
import { type Mailer, smtpMailer } from "../services/mail.js";
import { INVITE_BATCH_MAX } from "../store/invitations.repository.js";
import type { Store } from "../store/store.js";
import type { Person } from "../store/types.js";
import { authOptionsFromEnv, DEFAULT_AUTH } from "../web/auth/config.js";
import { formatUtc } from "../web/components/when.js";
import { paths } from "../web/links.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { withStore } from "./database.js";
import { columns } from "./load-indexes.js";
import { type DatabaseCliOptions, DEFAULT_BASE_URL } from "./options.js";
import { baseUrl, display, personByEmail } from "./user-command.js";

export interface UserInviteOptions extends DatabaseCliOptions {
  all?: boolean;
  team?: string;
  url?: string;
  inviter?: string;
}

/** Who the mail says invites them when `--inviter` is not given. */
const DEFAULT_INVITER = "Your rungs administrator";

/** The mail settings and link lifetime `rungs serve` would use, from the same environment variables. */
function inviteSettings(io: CliIo): { mailer: Mailer | undefined; ttlMs: number; publicUrl?: string } {
  const { options, problems } = authOptionsFromEnv(io.env);
  if (problems.length > 0) throw new UsageError(problems.join("; "));
  return {
    mailer: options.mail ? smtpMailer(options.mail) : undefined,
    ttlMs: options.inviteTtlMs ?? DEFAULT_AUTH.inviteTtlMs,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  };
}

/** The people asked for, each once, in the order given: by email, then `--team`, then `--all`. */
async function wanted(store: Store, emails: string[], options: UserInviteOptions): Promise<Person[]> {
  const people = new Map<string, Person>();
  for (const email of emails) {
    const person = await personByEmail(store, email, "person");
    people.set(person.id, person);
  }
  if (options.team !== undefined) {
    const manager = await personByEmail(store, options.team, "manager");
    // the team members who still need a password; those who have one are not news
    for (const { person } of await store.people.subtree(manager.id))
      if (!person.hasPassword && person.active) people.set(person.id, person);
  }
  if (options.all) {
    for (const id of await store.invitations.uninvited()) {
      const person = await store.people.get(id);
      if (person) people.set(person.id, person);
    }
  }
  if (people.size > INVITE_BATCH_MAX)
    throw new UsageError(
      `${people.size} people asked for: invite at most ${INVITE_BATCH_MAX} at once (name fewer, or run --all again after)`,
    );
  return [...people.values()];
}

/** One line per person: what happened, and the link when there is one to pass on. */
function outcomeRows(outcomes: InviteOutcome[]): string[][] {
  return outcomes.map((o) => {
    if (o.status === "mailed")
      return ["mailed", display(o.person), `until ${formatUtc(o.invitation.expiresAt)}`];
    if (o.status === "skipped") return ["skipped", display(o.person), o.reason];
    const why = o.mailError !== undefined ? ` (mail failed: ${o.mailError})` : "";
    return ["link", display(o.person), `${o.link}${why}`];
  });
}

function summary(outcomes: InviteOutcome[], mailConfigured: boolean): string {
  const count = (status: InviteOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const parts = [`${count("mailed")} mailed`, `${count("link")} to pass on`, `${count("skipped")} skipped`];
  const note = mailConfigured
    ? ""
    : "\nNo mail server is set (RUNGS_SMTP_URL and RUNGS_MAIL_FROM): pass each link on; it works once.";
  return `${outcomes.length} ${outcomes.length === 1 ? "invitation" : "invitations"}: ${parts.join(", ")}${note}\n`;
}

export async function userInviteCommand(
  emails: string[],
  options: UserInviteOptions,
  io: CliIo,
): Promise<number> {
  if (emails.length === 0 && !options.all && options.team === undefined)
    throw new UsageError("name the people to invite by email, or use --all or --team <manager-email>");
  const settings = inviteSettings(io);
  const base = baseUrl(options.url ?? settings.publicUrl ?? DEFAULT_BASE_URL);
  const inviter = options.inviter?.trim() || DEFAULT_INVITER;
  return withStore(options, io, async ({ store }) => {
    const people = await wanted(store, emails, options);
    if (people.length === 0) {
      print(io.stdout, "Nobody to invite: everyone asked for has a password or an open invitation.\n");
      return EXIT.ok;
    }
    const outcomes = await invitePeople(store, people, {
      ttlMs: settings.ttlMs,
      linkFor: (token) => `${base}${paths.welcome(token)}`,
      mailer: settings.mailer,
      inviter,
      formatTime: formatUtc,
    });
    print(io.stdout, columns(outcomeRows(outcomes)));
    print(io.stdout, summary(outcomes, settings.mailer !== undefined));
    const failed = outcomes.some((o) => o.status === "skipped" || (o.status === "link" && o.mailError));
    return failed ? EXIT.errors : EXIT.ok;
  });
}
