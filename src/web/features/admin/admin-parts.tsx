/** What every admin page shares: the admin-only check, the loaded frameworks, the notice after a change, the crumbs. */
import type { Context } from "hono";
import type { FrameworkIndex } from "../../../core/model.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { denied } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { Notice } from "../../components/page.js";
import type { AppEnv, Viewer } from "../../context.js";
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

export async function adminOnly(c: Context<AppEnv>): Promise<Viewer | Response> {
  const decision = await can(actorOf(c), "person:admin", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

export function frameworksOf(registry: FrameworkRegistry): Map<string, FrameworkIndex> {
  const map = new Map<string, FrameworkIndex>();
  for (const fw of registry.list()) if (fw.ok && fw.index) map.set(fw.id, fw.index);
  return map;
}

export function notice(c: Context<AppEnv>) {
  const done = c.req.query("done");
  return <Notice text={done !== undefined ? NOTICES.get(done) : undefined} />;
}

export const crumbsFor = (links: Links, label: string) => [
  { label: "Home", href: links.to(paths.home()) },
  { label: "Admin: people", href: links.to(paths.adminPeople()) },
  { label },
];
