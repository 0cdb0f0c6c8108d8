/** The admin-only check every admin page starts with: the viewer, or the refusal the policy decided. */
import type { Context } from "hono";
import type { AppEnv, Viewer } from "../context.js";
import { denied } from "./pages.js";
import { can } from "./policy.js";
import { actorOf } from "./session.js";

export async function adminOnly(c: Context<AppEnv>): Promise<Viewer | Response> {
  const decision = await can(actorOf(c), "person:admin", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}
