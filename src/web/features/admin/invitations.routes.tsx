/**
 * Inviting people to choose their first password (services/invitations.ts): the people picked in the admin
 * list, everyone without a password, or one person from their page (again: a new link voids the older one).
 * Each invitation is mailed when a mail server is set; otherwise, or when the mail fails, the page shows the
 * link to copy and pass on. The links are shown only on this answer: it is never cached.
 */
import type { Context } from "hono";
import * as z from "zod";
import { invitePeople } from "../../../services/invitations.js";
import { type Mailer, smtpMailer } from "../../../services/mail.js";
import { INVITE_BATCH_MAX } from "../../../store/invitations.repository.js";
import type { Person } from "../../../store/types.js";
import { publicBase } from "../../auth/session.js";
import { formatUtc } from "../../components/when.js";
import type { App, AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { lazySchema, recordId, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { adminOnly } from "./admin-parts.js";
import { outcomesPage } from "./invitations.page.js";
import { type AdminDeps, listPage } from "./people.page.js";

/** The invitation form: the people picked (one field per checkbox) and/or "everyone without a password". */
export const inviteForm = lazySchema(() =>
  z.object({
    // one checkbox picked arrives as a value, several as a list
    person: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(recordId())
        .max(INVITE_BATCH_MAX, `pick at most ${INVITE_BATCH_MAX} people at once`)
        .transform((ids) => [...new Set(ids)]),
    ),
    everyone: z.literal("without-password", { message: "must be without-password" }).optional(),
    _csrf: textField().optional(),
  }),
);

export function invitationRoutes(app: App, deps: AdminDeps): void {
  const { store } = deps;
  // one mailer per app: nodemailer keeps nothing open between sends, so this holds only the settings
  const mailer: Mailer | undefined = deps.config.mail ? smtpMailer(deps.config.mail) : undefined;

  async function invite(c: Context<AppEnv>, viewer: Viewer, people: Person[], unknown: number) {
    const outcomes = await invitePeople(store, people, {
      ttlMs: deps.config.inviteTtlMs,
      linkFor: (token) => `${publicBase(c)}${paths.welcome(token)}`,
      mailer,
      inviter: viewer.person.name,
      formatTime: formatUtc,
    });
    return outcomesPage(c, outcomes, { unknown, mailConfigured: mailer !== undefined });
  }

  app.post("/admin/people/invitations", validate("form", inviteForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const { person: ids, everyone } = c.req.valid("form");
    if (ids.length === 0 && !everyone) {
      return listPage(deps, c, viewer, {
        inviteProblem: "Pick the people to invite in the list first, or invite everyone without a password.",
        status: 422,
      });
    }
    const wanted = everyone ? [...new Set([...ids, ...(await store.invitations.uninvited())])] : ids;
    const batch = wanted.slice(0, INVITE_BATCH_MAX);
    const found = (await Promise.all(batch.map((id) => store.people.get(id)))).filter(
      (p): p is Person => p !== undefined,
    );
    return invite(c, viewer, found, batch.length - found.length);
  });

  app.post("/admin/people/:id/invitation", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await store.people.get(c.req.param("id") ?? "");
    if (!person) return c.notFound();
    return invite(c, viewer, [person], 0);
  });
}
