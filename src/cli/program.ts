import { Command, CommanderError, Option } from "commander";
import { type AdjacentCommandOptions, adjacentCommand } from "./adjacent-command.js";
import { buildCommand } from "./build-command.js";
import { checkCommand } from "./check-command.js";
import { type CliIo, EXIT, UsageError, VERSION } from "./context.js";
import { equivalenceCommand } from "./equivalence-command.js";
import { type GoalsCommandOptions, goalsCommand } from "./goals-command.js";
import { schemaCommand } from "./schema-command.js";
import { serveCommand } from "./serve-command.js";
import { showCommand } from "./show-command.js";

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command("rungs")
    .description(
      "Career frameworks as code: check, show and publish levels, competencies and roles, and derive goals from them.",
    )
    .version(VERSION, "-v, --version")
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  program
    .command("check")
    .description("Load and lint frameworks; print every problem with its location.")
    .argument("[paths...]", "framework files or directories (default: the bundled examples)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (paths: string[], options: { format: "text" | "json" }) => {
      status = await checkCommand(paths, options, io);
    });

  program
    .command("serve")
    .description("Serve the web app for frameworks (the bundled examples when no path is given).")
    .argument("[paths...]", "framework files or directories")
    .option("-p, --port <port>", "port to listen on", "8080")
    .option("-H, --host <host>", "address to listen on", "127.0.0.1")
    .option("-w, --watch", "reload frameworks when their files change")
    .action(async (paths: string[], options: { port: string; host: string; watch?: boolean }) => {
      status = await serveCommand(paths, options, io);
    });

  program
    .command("build")
    .description("Write the web app for frameworks as a static site (every page, search included).")
    .argument("[paths...]", "framework files or directories (default: the bundled examples)")
    .requiredOption("-o, --out <dir>", "folder to write the site to")
    .action(async (paths: string[], options: { out: string }) => {
      status = await buildCommand(paths, options, io);
    });

  program
    .command("schema")
    .description("Print the JSON Schema of framework files (for editors and CI).")
    .action(() => {
      status = schemaCommand(io);
    });

  program
    .command("show")
    .description("Print the ladder of a framework, or one level or role, as readable text.")
    .argument("<path>", "framework file or directory")
    .option("-l, --level <id>", "show this level instead of the ladder")
    .option("-r, --role <id>", "show this role profile instead of the ladder")
    .action(async (path: string, options: { level?: string; role?: string }) => {
      status = await showCommand(path, options, io);
    });

  program
    .command("goals")
    .description(
      "Print goal templates (SMART, OKRs, MBO, scorecard) for a role at a level, a level alone, or the gaps of an assessment.",
    )
    .argument("<path>", "framework file or directory")
    .option("-r, --role <id>", "the role (it must span --level)")
    .option("-l, --level <id>", "the level; without --role, goals come from the level's expectations")
    .option("-k, --kind <kind>", "smart, okr, mbo, scorecard, or all (default: all; several: okr,mbo)")
    .option("-f, --format <format>", "text, md or json (default: text)")
    .option("--baseline <text>", "put this in place of ⟨baseline⟩")
    .option("--target <text>", "put this in place of ⟨target⟩")
    .option("--date <text>", "put this in place of ⟨date⟩")
    .option("-a, --assessment <file>", "YAML or JSON { picks: { <competency>: <level> }, target?: <level> }")
    .option("-t, --target-level <id>", "the level the assessment aims at (wins over the file's target)")
    .action(async (path: string, options: GoalsCommandOptions) => {
      status = await goalsCommand(path, options, io);
    });

  program
    .command("adjacent")
    .description(
      "Print the role-levels nearest to a role at a level, across frameworks: distance, its parts and band.",
    )
    .argument("<role>", "role id, or framework:role when several frameworks have it")
    .argument("[paths...]", "framework files or directories (default: the bundled examples)")
    .requiredOption("-l, --level <id>", "the level of the role (the role must span it)")
    .option("-n, --limit <n>", "how many role-levels to print", "10")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (role: string, paths: string[], options: AdjacentCommandOptions) => {
      status = await adjacentCommand(role, paths, options, io);
    });

  program
    .command("equivalence")
    .description("Print the rungs reference scale with the levels of each framework placed on it.")
    .argument("[paths...]", "framework files or directories (default: the bundled examples)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (paths: string[], options: { format: "text" | "json" }) => {
      status = await equivalenceCommand(paths, options, io);
    });

  for (const command of program.commands)
    command.exitOverride().showHelpAfterError().configureOutput(program.configureOutput());

  try {
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`rungs: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
