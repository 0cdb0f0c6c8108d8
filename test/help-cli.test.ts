/** Help asked for in each way a newcomer types it, and the names it does not know (in process: runIn). */
import { describe, expect, it } from "vitest";
import { runIn } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;

describe("rungs help", () => {
  it("help NAME, NAME --help and --help NAME all show that command's help, exit 0", async () => {
    for (const args of [
      ["help", "user", "add"],
      ["user", "help", "add"],
      ["user", "add", "--help"],
      ["--help", "user", "add"],
      ["-h", "user", "add"],
    ]) {
      const run = await runIn(root, ...args);
      expect([args, run.status, run.err]).toEqual([args, 0, ""]);
      expect(run.out).toMatch(/^Usage: rungs user add \[options\]/);
    }
    for (const args of [["help"], ["help", "help"], ["--help"]]) {
      const run = await runIn(root, ...args);
      expect([args, run.status]).toEqual([args, 0]);
      expect(run.out).toMatch(/^Usage: rungs \[options\] \[command\]/);
    }
  });

  it("a name no command has is an unknown command with a suggestion, exit 2, however help is asked", async () => {
    for (const args of [
      ["help", "chek"],
      ["chek", "--help"],
      ["--help", "chek"],
      ["help", "user", "ad"],
      ["user", "ad", "--help"],
      ["user", "help", "ad"],
    ]) {
      const run = await runIn(root, ...args);
      const wrong = args.includes("chek") ? "chek" : "ad";
      const meant = wrong === "chek" ? "check" : "add";
      expect([args, run.status, run.out]).toEqual([args, 2, ""]);
      expect(run.err).toMatch(
        new RegExp(`^error: unknown command '${wrong}'\\n\\(Did you mean ${meant}\\?\\)`),
      );
    }
  });

  it("only the words that name commands are read: a path called help is still a path", async () => {
    const run = await runIn(root, "check", "help");
    expect(run.status).toBe(2);
    expect(run.out).toContain("help:1:1  error  read-error  no such file or directory");
  });
});
