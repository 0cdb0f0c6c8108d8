/** What every admin page shares: the admin-only check, the loaded frameworks, the notice after a change, the crumbs. */
import type { Context } from "hono";
import { Notice } from "../../components/page.js";
import type { AppEnv } from "../../context.js";
import { type Links, paths } from "../../links.js";

export // a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    created: "The person was created.",
    saved: "Your changes were saved.",
    "manager-set": "The manager was changed.",
    deactivated: "The person was deactivated; they can no longer sign in.",
    reactivated: "The person was reactivated.",
    "settings-saved": "The settings were saved.",
  }),
);

export { adminOnly } from "../../auth/admin-only.js";

export function notice(c: Context<AppEnv>) {
  const done = c.req.query("done");
  return <Notice text={done !== undefined ? NOTICES.get(done) : undefined} />;
}

export const crumbsFor = (links: Links, label: string) => [
  { label: "Home", href: links.to(paths.home()) },
  { label: "Admin: people", href: links.to(paths.adminPeople()) },
  { label },
];
