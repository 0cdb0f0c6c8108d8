/** A git repository for tests (made in a scratch folder, commits by a fixed author) and a tiny framework to version in it. */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Runs git in `dir` and returns its output, trimmed. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
}

/**
 * A repository at `dir` holding one commit per version: each version's files (path → text) replace the
 * folders they sit in, so a file a version leaves out is gone from that commit. Returns the `git` runner.
 */
export function repoWithVersions(
  dir: string,
  versions: readonly { message: string; files: Record<string, string> }[],
): (...args: string[]) => string {
  mkdirSync(dir, { recursive: true });
  const git = gitIn(dir);
  git("init", "-q", "-b", "main");
  for (const { message, files } of versions) {
    for (const folder of new Set(Object.keys(files).map((path) => dirname(path)))) {
      if (folder !== ".") rmSync(join(dir, folder), { recursive: true, force: true });
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git("add", "-A");
    git("commit", "-qm", message);
  }
  return git;
}

/** Two levels, one competency: small enough to read a diff of at a glance. */
export const TINY = `rungs: 2
id: tiny
name: Tiny
tracks: [{ id: trunk, name: Trunk }]
levels:
  - { id: junior, name: Junior, track: trunk }
  - { id: senior, name: Senior, track: trunk, follows: [junior] }
areas:
  - id: craft
    name: Craft
    competencies:
      - id: code
        name: Code
        expectations:
          junior: Writes small changes that pass review.
          senior: Designs the changes a team builds on.
`;
