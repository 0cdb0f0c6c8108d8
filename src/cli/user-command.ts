/**
 * `rungs user add | list | set-manager`: people and the org tree from the command line, on the database
 * chosen by `--db` / `DATABASE_URL` (src/cli/database.ts). `rungs user import` is in user-import-command.ts.
 *
 * Exit statuses: a wrong argument (an unknown framework id, a bad email, nobody with that email) is a
 * one-line UsageError, 2; a request the data refuses (the email is taken, the new manager would make a
 * cycle) is one line and 1.
 */

import type { FrameworkIndex } from "../core/model.js";
import { checkPlacement, type Placement } from "../core/placement.js";
import { withoutTrailingSlashes } from "../core/text.js";
import { LIST_LIMIT_MAX } from "../store/people-list.js";
import { checkNewPerson } from "../store/person-input.js";
import type { Store } from "../store/store.js";
import type { Person, Problem } from "../store/types.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { withStore } from "./database.js";
import { columns, loadIndexes } from "./load-indexes.js";
import { type DatabaseCliOptions, DEFAULT_BASE_URL } from "./options.js";

/** How long the set-up link `user add --admin` prints stays valid (the issue's "valid 30 minutes"). */
export const SETUP_LINK_TTL_MS = 30 * 60 * 1000;

/** The frameworks people's framework, track, level and role ids are checked against. */
export interface FrameworksOption {
  frameworks?: string[] | undefined;
}

export interface UserAddOptions extends DatabaseCliOptions, FrameworksOption, Placement {
  name: string;
  email: string;
  manager?: string;
  admin?: boolean;
  url?: string;
}

export interface UserListOptions extends DatabaseCliOptions {
  query?: string;
  format?: "text" | "json";
}

export interface UserSetManagerOptions extends DatabaseCliOptions {
  none?: boolean;
}

/** Store problems as the CLI reports them: conflicts with stored data exit 1, anything else is usage (2). */
export function reportProblems(what: string, problems: readonly Problem[], io: CliIo): number {
  const message = `${what}: ${problems.map((p) => p.message).join("; ")}`;
  if (problems.some((p) => p.kind === "conflict")) {
    print(io.stderr, `rungs: ${message}\n`);
    return EXIT.errors;
  }
  throw new UsageError(message);
}

/** Loads the frameworks only when a placement needs checking (loading takes a moment). */
export async function frameworksFor(
  needed: boolean,
  options: FrameworksOption,
  io: CliIo,
): Promise<Map<string, FrameworkIndex>> {
  return needed ? loadIndexes(options.frameworks ?? [], io) : new Map();
}

/** The app's address from `--url`, checked: http(s), no query or fragment, no trailing slash. */
export function baseUrl(raw: string | undefined): string {
  const text = (raw ?? DEFAULT_BASE_URL).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be the app's address, like ${DEFAULT_BASE_URL}; got "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--url must start with http:// or https://; got "${text}"`);
  }
  if (url.search || url.hash) throw new UsageError(`--url must not have a query or fragment; got "${text}"`);
  // every link rungs hands out and every page it serves starts at / (as RUNGS_PUBLIC_URL is refused under a path)
  if (url.pathname !== "/")
    throw new UsageError(
      `--url must be the root of an address: rungs is served at / (give it a host name of its own, such as https://rungs.example.com), not under "${url.pathname}"; got "${text}"`,
    );
  return withoutTrailingSlashes(url.toString());
}

export const display = (person: Person) => `${person.name} <${person.email}>`;

/** The person with this email; a UsageError that says how to search when there is none. */
export async function personByEmail(store: Store, email: string, role: string): Promise<Person> {
  const person = await store.people.getByEmail(email);
  if (!person) {
    throw new UsageError(
      `no ${role} with the email "${email.trim()}" (emails ignore case; \`rungs user list --query\` searches)`,
    );
  }
  return person;
}

export async function userAddCommand(options: UserAddOptions, io: CliIo): Promise<number> {
  const base = options.admin ? baseUrl(options.url) : undefined;
  const placement: Placement = {
    framework: options.framework,
    track: options.track,
    level: options.level,
    role: options.role,
  };
  const needed = Object.values(placement).some((v) => v !== undefined && v.trim() !== "");
  const problems = checkPlacement(await frameworksFor(needed, options, io), placement);
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) => `--${p.field}: ${p.message}`).join("; "));
  }
  // refused before the database is opened (and, the first time, created and migrated): a mistyped email
  // leaves nothing behind. The store checks the same way again when it creates the person.
  const fields = checkNewPerson({ name: options.name, email: options.email, ...placement });
  if (fields.problems.length > 0)
    return reportProblems(`cannot add ${options.email.trim()}`, fields.problems, io);
  return withStore(
    options,
    io,
    async ({ store }) => {
      const manager =
        options.manager === undefined ? undefined : await personByEmail(store, options.manager, "manager");
      const created = await store.people.create({
        name: options.name,
        email: options.email,
        managerId: manager?.id ?? null,
        ...placement,
        admin: options.admin ?? false,
      });
      if (!created.ok) return reportProblems(`cannot add ${options.email.trim()}`, created.problems, io);
      const person = created.value;
      print(
        io.stdout,
        `added ${display(person)}${person.admin ? " as an admin" : ""}${manager ? `, reporting to ${display(manager)}` : ""}\n`,
      );
      if (base !== undefined) {
        // A password never goes on the command line (it would stay in the shell's history): the new admin
        // chooses one through a one-time link.
        print(
          io.stdout,
          `To choose a password, ${person.name} opens this link (once, within ${SETUP_LINK_TTL_MS / 60_000} minutes):\n` +
            `${await passwordLink(store, person, base)}\n`,
        );
      }
      return EXIT.ok;
    },
    { create: true },
  );
}

/**
 * A one-time link where `person` sets their password. The web app accepts "reset" tokens for an existing
 * person at /reset/<token>; "setup" tokens (no person yet) are the first-run link `rungs serve` prints.
 */
async function passwordLink(store: Store, person: Person, base: string): Promise<string> {
  const token = await store.tokens.issue("reset", { personId: person.id, ttlMs: SETUP_LINK_TTL_MS });
  return `${base}/reset/${token}`;
}

export interface UserResetLinkOptions extends DatabaseCliOptions {
  url?: string;
}

/**
 * `rungs user reset-link <email>`: a new one-time link for someone to choose a password (an admin who lost
 * theirs, or whose set-up link expired). Links issued to them before stop working.
 */
export async function userResetLinkCommand(
  email: string,
  options: UserResetLinkOptions,
  io: CliIo,
): Promise<number> {
  const base = baseUrl(options.url);
  return withStore(options, io, async ({ store }) => {
    const person = await personByEmail(store, email, "person");
    if (!person.active) {
      print(io.stderr, `rungs: ${display(person)} is deactivated and cannot sign in; no link was made\n`);
      return EXIT.errors;
    }
    await store.tokens.revokeFor(person.id, "reset");
    print(
      io.stdout,
      `To choose a new password, ${person.name} opens this link (once, within ${SETUP_LINK_TTL_MS / 60_000} minutes; earlier links no longer work):\n` +
        `${await passwordLink(store, person, base)}\n`,
    );
    return EXIT.ok;
  });
}

/** Every person matching the query, all pages of them, in the store's order (name, then id). */
async function allPeople(store: Store, query: string | undefined): Promise<Person[]> {
  const people: Person[] = [];
  for (;;) {
    const page = await store.people.list({
      query,
      emailsOf: "everyone",
      limit: LIST_LIMIT_MAX,
      offset: people.length,
    });
    people.push(...page.people);
    if (page.people.length === 0 || people.length >= page.total) return people;
  }
}

export async function userListCommand(options: UserListOptions, io: CliIo): Promise<number> {
  return withStore(options, io, async ({ store }) => {
    const people = await allPeople(store, options.query);
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    for (const person of people) {
      const id = person.managerId;
      if (id !== null && !emailOf.has(id)) emailOf.set(id, (await store.people.get(id))?.email ?? "?");
    }
    const managerEmail = (p: Person) => (p.managerId === null ? null : (emailOf.get(p.managerId) ?? null));

    if (options.format === "json") {
      const report = {
        people: people.map((p) => ({
          id: p.id,
          name: p.name,
          email: p.email,
          managerId: p.managerId,
          managerEmail: managerEmail(p),
          framework: p.framework,
          track: p.track,
          level: p.level,
          role: p.role,
          active: p.active,
          admin: p.admin,
          hasPassword: p.hasPassword,
          createdAt: p.createdAt.toISOString(),
          updatedAt: p.updatedAt.toISOString(),
        })),
      };
      print(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    if (people.length === 0) {
      print(
        io.stdout,
        options.query?.trim()
          ? `Nobody matches "${options.query.trim()}".\n`
          : "No people yet: add one with `rungs user add` or import a CSV with `rungs user import`.\n",
      );
      return EXIT.ok;
    }
    const dash = (value: string | null) => value ?? "—";
    const rows = [["name", "email", "manager", "framework", "track", "level", "role", "flags"]];
    for (const p of people) {
      const flags = [p.admin ? "admin" : "", p.active ? "" : "deactivated"].filter(Boolean).join(",");
      rows.push([
        p.name,
        p.email,
        dash(managerEmail(p)),
        dash(p.framework),
        dash(p.track),
        dash(p.level),
        dash(p.role),
        flags,
      ]);
    }
    print(io.stdout, columns(rows));
    print(io.stdout, `${people.length} ${people.length === 1 ? "person" : "people"}\n`);
    return EXIT.ok;
  });
}

export async function userSetManagerCommand(
  email: string,
  managerEmail: string | undefined,
  options: UserSetManagerOptions,
  io: CliIo,
): Promise<number> {
  if (managerEmail !== undefined && options.none) {
    throw new UsageError("give either the manager's email or --none, not both");
  }
  if (managerEmail === undefined && !options.none) {
    throw new UsageError("give the manager's email, or --none to leave the person without a manager");
  }
  return withStore(options, io, async ({ store }) => {
    const person = await personByEmail(store, email, "person");
    const manager =
      managerEmail === undefined ? undefined : await personByEmail(store, managerEmail, "manager");
    const changed = await store.people.setManager(person.id, manager?.id ?? null);
    if (!changed.ok) {
      const what = manager
        ? `cannot make ${manager.email} the manager of ${person.email}`
        : `cannot change the manager of ${person.email}`;
      return reportProblems(what, changed.problems, io);
    }
    print(
      io.stdout,
      manager
        ? `${display(person)} now reports to ${display(manager)}\n`
        : `${display(person)} now has no manager\n`,
    );
    return EXIT.ok;
  });
}
