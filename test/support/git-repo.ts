/** A git repository for tests (made in a scratch folder, commits by a fixed author) and a tiny framework to version in it. */
import { execFileSync } from "node:child_process";

/** Runs git in `dir` and returns its output, trimmed. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
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
