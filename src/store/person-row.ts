import type { Selectable } from "kysely";
import { decodeBool, decodeTime } from "./columns.js";
import type { PeopleTable } from "./db.js";
import type { Person } from "./types.js";

type PersonRow = Selectable<PeopleTable>;

/** The stored row → the domain object (also used by the sessions repository's join). */
export function personFromRow(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    managerId: row.manager_id,
    framework: row.framework,
    track: row.track,
    level: row.level,
    role: row.role,
    active: decodeBool(row.active),
    admin: decodeBool(row.admin),
    hasPassword: row.password_hash !== null,
    version: Number(row.version),
    createdAt: decodeTime(row.created_at),
    updatedAt: decodeTime(row.updated_at),
  };
}
