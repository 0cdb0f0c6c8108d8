/**
 * The org tree walks the team pages' reads start from (team-pages.repository.ts): where a walk starts for a
 * root, and which nodes' sums make each branch of the heatmap by team (team-sums.ts).
 */
import { type RawBuilder, sql } from "kysely";
import { isId } from "./columns.js";

/** Whose people, as a part of the org tree. Each person falls in one branch: the heatmap's rows. */
export type TeamRoot =
  /** Everyone below a person (their team): each direct report's subtree is a branch. */
  | { below: string }
  /** A person and everyone below them (a drill-down): the person is a branch of their own, and each of their
   * direct reports' subtrees is one. */
  | { subtree: string }
  /** Everyone active: each person at the top of the tree, with their subtree, is a branch. */
  | "everyone";

/** The columns of people the tree walk carries, so that nothing joins people again for every person. */
export const WALKED = sql.raw("id, name_key, manager_id, framework, level, track, active");

/** Where the tree walk starts: each row is a branch (its own id), at depth 1 unless it is the root itself. */
export function start(root: TeamRoot): RawBuilder<unknown> {
  if (root === "everyone") return sql`select ${WALKED}, id, 1 from people where manager_id is null`;
  if ("below" in root) return sql`select ${WALKED}, id, 1 from people where manager_id = ${root.below}`;
  return sql`select ${WALKED}, id, 0 from people where id = ${root.subtree}
        union all
        select ${WALKED}, id, 1 from people where manager_id = ${root.subtree}`;
}

/**
 * The branches of `root` and the nodes whose sums make each (team-sums.ts): every branch is its top
 * person's node, but for a drill-down's top person, whose own rows are their node less their reports'.
 */
export function branchNodes(root: TeamRoot): RawBuilder<unknown> {
  if (root === "everyone") return sql`select id, id, 1 from people where manager_id is null`;
  if ("below" in root) return sql`select id, id, 1 from people where manager_id = ${root.below}`;
  return sql`select id, id, 1 from people where id = ${root.subtree} or manager_id = ${root.subtree}
    union all
    select ${root.subtree}, id, -1 from people where manager_id = ${root.subtree}`;
}

/** Whether a root names its person by an id (else nobody is in it). */
export function rootIsValid(root: TeamRoot): boolean {
  return root === "everyone" || isId("below" in root ? root.below : root.subtree);
}
