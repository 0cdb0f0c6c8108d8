import { Command, CommanderError, Option } from "commander";
import { escapeControl } from "../core/text.js";
import type { AdjacentCommandOptions } from "./adjacent-command.js";
import type { BuildOptions } from "./build-command.js";
import { type CliIo, describeFailure, EXIT, EXIT_HELP, VERSION } from "./context.js";
import type { DiffCommandOptions } from "./diff-command.js";
import type { ExportCommandOptions } from "./export-command.js";
import type { GoalsCommandOptions } from "./goals-command.js";
import type { ImportCommandOptions } from "./import-command.js";
import type { MigrateCommandOptions } from "./migrate-command.js";
import { type DatabaseCliOptions, DEFAULT_BASE_URL, withDatabaseOption } from "./options.js";
import type { ReviewOptions } from "./review-command.js";
import type { ServeOptions } from "./serve-command.js";
import type {
  UserAddOptions,
  UserListOptions,
  UserResetLinkOptions,
  UserSetManagerOptions,
} from "./user-command.js";
import type { UserImportOptions } from "./user-import-command.js";
import type { UserInviteOptions } from "./user-invite-command.js";
import type { TokenCreateOptions } from "./user-token-command.js";

/**
 * The command table. Each command's module is imported only when that command runs, so `rungs --version`,
 * `--help` and `check` never load the web app, a database driver or password hashing (docs/cli.md, "Start
 * time"; bench/start.ts measures it). Only types are imported from the command modules here. A run that names
 * a command defines only that one: defining all twenty-odd, with their options, was a tenth of `check`'s start.
 */
// long: the command table, one block per command in the order --help lists them (each only parses and hands
// over to its lazily loaded module)
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let status: number = EXIT.ok;
  let running = "rungs";
  const program = new Command("rungs")
    .description(
      "Career frameworks as code: check, show and publish levels, competencies and roles, and derive goals from them.",
    )
    .version(VERSION, "-v, --version")
    .option("--debug", "on an internal error, print its stack")
    .addHelpText("after", `\n${EXIT_HELP}`)
    .showHelpAfterError()
    .configureOutput({
      // Usage errors quote the arguments back, which may hold anything.
      writeOut: (s) => io.stdout.write(escapeControl(s)),
      writeErr: (s) => io.stderr.write(escapeControl(s)),
    })
    .exitOverride()
    .hook("preAction", (_program, action) => {
      running = commandPath(action);
    });

  // Each command's definition, by its name: a run that names a command defines that one alone (all of them
  // for --help, `help` or a name it does not know, so the list and the suggestions stay whole).
  const definitions: Record<string, () => void> = {
    check: () => {
      program
        .command("check")
        .description("Load and lint frameworks; print every problem with its location.")
        .argument("[paths...]", "framework files or directories (default: the bundled examples)")
        .addOption(
          new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"),
        )
        .option("--publish", "also fail when a source's review does not pass the publish rule")
        .action(async (paths: string[], options: { format: "text" | "json"; publish?: boolean }) => {
          const { checkCommand } = await import("./check-command.js");
          status = await checkCommand(paths, options, io);
        });
    },
    review: () => {
      program
        .command("review")
        .description(
          "For a pull request: lint each framework and diff it against the base, as one Markdown comment (printed, or posted with --post).",
        )
        .argument("[paths...]", "framework files or directories (default: the current directory)")
        .requiredOption("--base <ref>", "the git revision to diff against, e.g. origin/main")
        .option(
          "--post",
          "post or update the comment on the pull request (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL)",
        )
        .option("--pr <number>", "the pull request (default: from GITHUB_EVENT_PATH)")
        .action(async (paths: string[], options: ReviewOptions) => {
          const { reviewCommand } = await import("./review-command.js");
          status = await reviewCommand(paths, options, io);
        });
    },
    serve: () => {
      withDatabaseOption(
        program
          .command("serve")
          .description("Serve the web app for frameworks (the bundled examples when no path is given).")
          .argument("[paths...]", "framework files or directories")
          .option("-p, --port <port>", "port to listen on", "8080")
          .option("-H, --host <host>", "address to listen on", "127.0.0.1")
          .option("-w, --watch", "reload frameworks when their files change")
          .option(
            "--trust-proxy",
            "believe X-Forwarded-For/-Proto/-Host from the reverse proxy in front (as RUNGS_TRUST_PROXY=1); only when that proxy is the only way in",
          )
          .option(
            "--upload-limit <MiB>",
            "the largest file or long form people signed in may send, in MiB (default 10, or RUNGS_UPLOAD_LIMIT_MIB); every other request body is at most 64 KiB",
          ),
      ).action(async (paths: string[], options: ServeOptions) => {
        const { serveCommand } = await import("./serve-command.js");
        status = await serveCommand(paths, options, io);
      });
    },
    build: () => {
      program
        .command("build")
        .description("Write the web app for frameworks as a static site (every page, search included).")
        .argument("[paths...]", "framework files or directories (default: the bundled examples)")
        .requiredOption("-o, --out <dir>", "folder to write the site to")
        .option(
          "--incremental",
          "rewrite only the pages whose content changed since the last build into the folder",
        )
        .option("-j, --jobs <n>", "render pages on this many worker threads (default: one per core)")
        .action(async (paths: string[], options: BuildOptions) => {
          const { buildCommand } = await import("./build-command.js");
          status = await buildCommand(paths, options, io);
        });
    },
    schema: () => {
      program
        .command("schema")
        .description("Print the JSON Schema of framework files (for editors and CI).")
        .action(async () => {
          const { schemaCommand } = await import("./schema-command.js");
          status = schemaCommand(io);
        });
    },
    show: () => {
      program
        .command("show")
        .description("Print the ladder of a framework, or one level or role, as readable text.")
        .argument("<path>", "framework file or directory")
        .option("-l, --level <id>", "show this level instead of the ladder")
        .option("-r, --role <id>", "show this role profile instead of the ladder")
        .action(async (path: string, options: { level?: string; role?: string }) => {
          const { showCommand } = await import("./show-command.js");
          status = await showCommand(path, options, io);
        });
    },
    goals: () => {
      program
        .command("goals")
        .description(
          "Print goal templates (SMART, OKRs, MBO, scorecard) for a role at a level, a level alone, or the gaps of an assessment.",
        )
        .argument("<path>", "framework file or directory")
        .option(
          "-r, --role <id>",
          "the role: with --level, its templates (it must span the level); with --assessment, its own expectations are quoted too",
        )
        .option("-l, --level <id>", "the level; without --role, goals come from the level's expectations")
        .option("-k, --kind <kind>", "smart, okr, mbo, scorecard, or all (default: all; several: okr,mbo)")
        .option("-f, --format <format>", "text, md or json (default: text)")
        .option("--baseline <text>", "put this in place of ⟨baseline⟩")
        .option("--target <text>", "put this in place of ⟨target⟩")
        .option("--date <text>", "put this in place of ⟨date⟩")
        .option(
          "-a, --assessment <file>",
          "YAML or JSON { picks: { <competency>: <level> }, target?: <level>, role?: <role> }",
        )
        .option("-t, --target-level <id>", "the level the assessment aims at (wins over the file's target)")
        .action(async (path: string, options: GoalsCommandOptions) => {
          const { goalsCommand } = await import("./goals-command.js");
          status = await goalsCommand(path, options, io);
        });
    },
    adjacent: () => {
      program
        .command("adjacent")
        .description(
          "Print the role-levels nearest to a role at a level, across frameworks: distance, its parts and band.",
        )
        .argument("<role>", "role id, or framework:role when several frameworks have it")
        .argument("[paths...]", "framework files or directories (default: the bundled examples)")
        .requiredOption("-l, --level <id>", "the level of the role (the role must span it)")
        .option("-n, --limit <n>", "how many role-levels to print", "10")
        .addOption(
          new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"),
        )
        .action(async (role: string, paths: string[], options: AdjacentCommandOptions) => {
          const { adjacentCommand } = await import("./adjacent-command.js");
          status = await adjacentCommand(role, paths, options, io);
        });
    },
    equivalence: () => {
      program
        .command("equivalence")
        .description("Print the rungs reference scale with the levels of each framework placed on it.")
        .argument("[paths...]", "framework files or directories (default: the bundled examples)")
        .addOption(
          new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"),
        )
        .action(async (paths: string[], options: { format: "text" | "json" }) => {
          const { equivalenceCommand } = await import("./equivalence-command.js");
          status = await equivalenceCommand(paths, options, io);
        });
    },
    diff: () => {
      program
        .command("diff")
        .description(
          "Show what changed between two versions of a framework: added, removed, renamed, moved, reworded.",
        )
        .argument("<old>", "framework file or directory, or git:REF[:PATH] read from the repository")
        .argument("<new>", "framework file or directory, or git:REF[:PATH] read from the repository")
        .addOption(
          new Option("-f, --format <format>", "output format")
            .choices(["text", "markdown", "json", "html"])
            .default("text"),
        )
        .option("--exit-code", "exit 1 when there are changes (like git diff --exit-code)")
        .option(
          "--db <file|url>",
          "also count the people and open assessments each changed level and competency touches (SQLite file or postgres:// URL)",
        )
        .action(async (before: string, after: string, options: DiffCommandOptions) => {
          const { diffCommand } = await import("./diff-command.js");
          status = await diffCommand(before, after, options, io);
        });
    },
    fmt: () => {
      program
        .command("fmt")
        .description(
          "Rewrite framework files in the canonical layout (key order, quoting), keeping comments.",
        )
        .argument("[paths...]", "framework files or directories (default: the current directory)")
        .option("--check", "write nothing; exit 1 listing the files that would change")
        .action(async (paths: string[], options: { check?: boolean }) => {
          const { fmtCommand } = await import("./fmt-command.js");
          status = await fmtCommand(paths, options, io);
        });
    },
    import: () => {
      program
        .command("import")
        .description("Turn a spreadsheet or another framework format into a checked rungs framework folder.")
        .argument("<format>", "csv, xlsx, ft, monzo, snowflake, pathway, … (docs/import.md)")
        .argument("[inputs...]", "the files to read")
        .option("-o, --out <dir>", "folder to write the framework to (nothing is written on errors)")
        .option("-m, --map <file>", "a mapping for sheets laid out differently (docs/import.md)")
        .option("--strict", "fail on any bend: anything that did not fit the model exactly")
        .option("--force", "replace framework files already in --out")
        .option("--provenance", "also list where each entity was read")
        .option("--template", "print the format's template file (or write it to --out)")
        .action(async (format: string, inputs: string[], options: ImportCommandOptions) => {
          const { importCommand } = await import("./import-command.js");
          status = await importCommand(format, inputs, options, io);
        });
    },
    export: () => {
      program
        .command("export")
        .description("Write frameworks as spreadsheets or other formats.")
        .argument("<format>", "csv, xlsx, … (docs/import.md)")
        .argument("[paths...]", "framework files or directories (default: the bundled examples)")
        .requiredOption("-o, --out <file|dir>", "file (one framework, one file) or folder to write to")
        .option("-l, --level <id>", "only this level, where the format can")
        .option("-r, --role <id>", "only this role profile, where the format can")
        .action(async (format: string, paths: string[], options: ExportCommandOptions) => {
          const { exportCommand } = await import("./export-command.js");
          status = await exportCommand(format, paths, options, io);
        });
    },
    migrate: () => {
      withDatabaseOption(
        program
          .command("migrate")
          .description(
            "Bring the database's schema up to date, listing each migration it runs; with paths, rewrite those framework files to the current format instead.",
          )
          .argument(
            "[paths...]",
            "framework files or directories to rewrite to the current format (keeps comments)",
          )
          .option(
            "-n, --dry-run",
            "list the migrations that would run (or the files that would change); change nothing",
          ),
      ).action(async (paths: string[], options: MigrateCommandOptions) => {
        const { migrateCommand, migrateFrameworksCommand } = await import("./migrate-command.js");
        status = paths.length
          ? await migrateFrameworksCommand(paths, options, io)
          : await migrateCommand(options, io);
      });
    },
    // long: the user command's six subcommands, one block each like the table's (each only parses and hands over)
    user: () => {
      const user = program
        .command("user")
        .description(
          "People and the org tree: add, list, set a manager, import a CSV, issue a password link.",
        );
      const frameworksOption = [
        "--frameworks <paths...>",
        "frameworks the framework/track/level/role ids must exist in (default: the bundled examples)",
      ] as const;

      withDatabaseOption(
        user
          .command("add")
          .description("Add a person; with --admin, print a one-time link where they choose their password.")
          .requiredOption("--name <name>", "full name")
          .requiredOption("--email <email>", "email (unique, ignoring case)")
          .option("--manager <email>", "the email of their manager (someone already added)")
          .option("--framework <id>", "the framework they are on")
          .option("--track <id>", "their track in that framework")
          .option("--level <id>", "their level in that framework")
          .option("--role <id>", "their role profile in that framework")
          .option("--admin", "make them an admin and print their set-up link")
          .option("--url <base>", "the app's address, for the set-up link", DEFAULT_BASE_URL)
          .option(...frameworksOption),
      ).action(async (options: UserAddOptions) => {
        const { userAddCommand } = await import("./user-command.js");
        status = await userAddCommand(options, io);
      });

      withDatabaseOption(
        user
          .command("list")
          .description("List people by name, with their manager, placement and flags.")
          .option("-q, --query <text>", "only people whose name or email contains this (ignoring case)")
          .addOption(
            new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"),
          ),
      ).action(async (options: UserListOptions) => {
        const { userListCommand } = await import("./user-command.js");
        status = await userListCommand(options, io);
      });

      withDatabaseOption(
        user
          .command("set-manager")
          .description("Set who someone reports to (a change that would make a loop is refused), or --none.")
          .argument("<email>", "the person")
          .argument("[manager-email]", "their new manager")
          .option("--none", "leave them without a manager"),
      ).action(async (email: string, managerEmail: string | undefined, options: UserSetManagerOptions) => {
        const { userSetManagerCommand } = await import("./user-command.js");
        status = await userSetManagerCommand(email, managerEmail, options, io);
      });

      withDatabaseOption(
        user
          .command("reset-link")
          .description(
            "Print a new one-time link where someone chooses their password (older links stop working).",
          )
          .argument("<email>", "the person")
          .option("--url <base>", "the app's address, for the link", DEFAULT_BASE_URL),
      ).action(async (email: string, options: UserResetLinkOptions) => {
        const { userResetLinkCommand } = await import("./user-command.js");
        status = await userResetLinkCommand(email, options, io);
      });

      const token = user.command("token").description("Personal API tokens for scripts: make, list, revoke.");
      withDatabaseOption(
        token
          .command("create")
          .description("Make an API token that acts as this person on /api/; prints its secret once.")
          .argument("<email>", "the person it acts as")
          .requiredOption("--name <name>", "what it is for (shown in lists)"),
      ).action(async (email: string, options: TokenCreateOptions) => {
        const { tokenCreateCommand } = await import("./user-token-command.js");
        status = await tokenCreateCommand(email, options, io);
      });
      withDatabaseOption(
        token
          .command("list")
          .description("List API tokens (never their secrets).")
          .argument("[email]", "only this person's"),
      ).action(async (email: string | undefined, options: DatabaseCliOptions) => {
        const { tokenListCommand } = await import("./user-token-command.js");
        status = await tokenListCommand(email, options, io);
      });
      withDatabaseOption(
        token
          .command("revoke")
          .description("Revoke an API token: it stops working at once.")
          .argument("<id>", "its id, as listed"),
      ).action(async (id: string, options: DatabaseCliOptions) => {
        const { tokenRevokeCommand } = await import("./user-token-command.js");
        status = await tokenRevokeCommand(id, options, io);
      });

      withDatabaseOption(
        user
          .command("invite")
          .description(
            "Invite people to choose their first password: mailed when RUNGS_SMTP_URL and RUNGS_MAIL_FROM are set, else the links are printed.",
          )
          .argument("[emails...]", "the people to invite")
          .option("--all", "everyone active without a password and without an open invitation")
          .option(
            "--team <manager-email>",
            "everyone below this manager (all levels) who has no password yet",
          )
          .option(
            "--url <base>",
            "the app's address, for the links (default: $RUNGS_PUBLIC_URL, else http://127.0.0.1:8080)",
          )
          .option("--inviter <name>", "who the mail says invites them"),
      ).action(async (emails: string[], options: UserInviteOptions) => {
        const { userInviteCommand } = await import("./user-invite-command.js");
        status = await userInviteCommand(emails, options, io);
      });

      withDatabaseOption(
        user
          .command("import")
          .description(
            "Import people from a CSV or .xlsx (name,email,manager_email,framework,track,level,role,active, or an HRIS export's columns): all rows or none.",
          )
          .argument("<file>", "the CSV or .xlsx file")
          .option("-n, --dry-run", "check every row and show what would change; write nothing")
          .option(...frameworksOption),
      ).action(async (file: string, options: UserImportOptions) => {
        const { userImportCommand } = await import("./user-import-command.js");
        status = await userImportCommand(file, options, io);
      });
    },
    backup: () => {
      withDatabaseOption(
        program
          .command("backup")
          .description("Write the whole database as one JSON file (restorable into SQLite or PostgreSQL).")
          .option("-o, --out <file>", "write to this file (default: standard output)"),
      ).action(async (options: { out?: string; db?: string }) => {
        const { backupCommand } = await import("./backup-command.js");
        status = await backupCommand(options, io);
      });
    },
    restore: () => {
      withDatabaseOption(
        program
          .command("restore")
          .description("Restore a backup into an empty database (of either kind).")
          .argument("<file>", "the backup file (- for standard input)")
          .option("--allow-unsigned", "restore even if the backup's signature does not hold (RUNGS_SECRET)"),
      ).action(async (file: string, options: { db?: string; allowUnsigned?: boolean }) => {
        const { restoreCommand } = await import("./backup-command.js");
        status = await restoreCommand(file, options, io);
      });
    },
  };
  const named = argv[0] !== undefined && Object.hasOwn(definitions, argv[0]) ? argv[0] : undefined;
  for (const [name, define] of Object.entries(definitions))
    if (named === undefined || name === named) define();

  for (const command of program.commands)
    command.exitOverride().showHelpAfterError().configureOutput(program.configureOutput());

  try {
    await program.parseAsync(helpAsOption(program, argv), { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help asked for (`--help`, `help`) or the version is a success; help shown because no command was
      // named (`rungs`, `rungs user`) is a usage error, as commander's own exit code says
      const shown = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
      return shown && error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const failure = describeFailure(error, running, program.opts().debug === true);
    io.stderr.write(failure.text);
    return failure.status;
  }
}

/**
 * `rungs help user add` as `rungs user add --help` (commander's own `help` shows the first name's help and drops
 * the rest). A name no command has, after `help` or before `--help`, is an unknown command with a suggestion
 * (`rungs help chek`: "did you mean check?"), exit 2, not the parent's help with a success. Only the leading
 * words that name commands are read: `rungs check help` still checks a folder named help.
 */
function helpAsOption(program: Command, argv: string[]): string[] {
  const asked = argv.some(isHelpOption);
  const path: string[] = [];
  let helpWord = false;
  let command = program;
  let at = 0;
  for (; at < argv.length; at++) {
    const word = argv[at] as string;
    if (isHelpOption(word)) continue; // `rungs --help check` is `rungs check --help`
    if (word.startsWith("-") || command.commands.length === 0) break;
    if (word === "help") {
      helpWord = true;
      continue;
    }
    const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    // without the help asked for, commander itself says the name is unknown and suggests the closest
    if (next === undefined) return asked || helpWord ? [...path, word] : argv;
    path.push(word);
    command = next;
  }
  return helpWord || asked ? [...path, ...argv.slice(at), "--help"] : argv;
}

const isHelpOption = (word: string): boolean => word === "--help" || word === "-h";

/** `user import` for the action of `rungs user import`: what failed, in the words the user typed. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ") || "rungs";
}
