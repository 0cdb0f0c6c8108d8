/**
 * `rungs user token create <email> --name NAME`, `rungs user token list [email]` and `rungs user token
 * revoke <id>`: personal API tokens from the command line, as /account/tokens/ makes them (the operator of
 * the database acts as an admin does there). A secret is printed once, by `create`; only its hash is kept.
 */
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { withStore } from "./database.js";
import type { DatabaseCliOptions } from "./options.js";
import { personByEmail } from "./user-command.js";

export interface TokenCreateOptions extends DatabaseCliOptions {
  name: string;
}

export async function tokenCreateCommand(
  email: string,
  options: TokenCreateOptions,
  io: CliIo,
): Promise<number> {
  return withStore(options, io, async ({ store }) => {
    const person = await personByEmail(store, email, "person");
    if (!person.active)
      throw new UsageError(`${person.email} is deactivated: a token of theirs would not work`);
    const made = await store.apiTokens.create(person.id, options.name);
    if (!made.ok) throw new UsageError(`cannot make a token: ${made.problem}`);
    print(
      io.stderr,
      `Made the token "${made.token.name}" (${made.token.id}) for ${person.email}. It is shown this once:\n`,
    );
    print(io.stdout, `${made.secret}\n`);
    return EXIT.ok;
  });
}

export async function tokenListCommand(
  email: string | undefined,
  options: DatabaseCliOptions,
  io: CliIo,
): Promise<number> {
  return withStore(options, io, async ({ store }) => {
    const person = email === undefined ? undefined : await personByEmail(store, email, "person");
    const tokens = await store.apiTokens.list(person ? { personId: person.id } : {});
    for (const t of tokens) {
      const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : "never used";
      print(
        io.stdout,
        `${t.id}  ${t.email}  ${JSON.stringify(t.name)}  made ${t.createdAt.toISOString()}  ${used}\n`,
      );
    }
    print(io.stdout, `${tokens.length} token${tokens.length === 1 ? "" : "s"}\n`);
    return EXIT.ok;
  });
}

export async function tokenRevokeCommand(
  id: string,
  options: DatabaseCliOptions,
  io: CliIo,
): Promise<number> {
  return withStore(options, io, async ({ store }) => {
    if (!/^[0-9a-f-]{36}$/.test(id) || !(await store.apiTokens.revoke(id)))
      throw new UsageError(
        `no token with the id "${id.slice(0, 40)}" (\`rungs user token list\` lists them)`,
      );
    print(io.stdout, `revoked ${id}\n`);
    return EXIT.ok;
  });
}
