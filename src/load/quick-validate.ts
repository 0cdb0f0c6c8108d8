/**
 * Whether a file's value is valid as it stands: the common case, answered with a yes or no and nothing to
 * locate. From the sources this asks the schemas. The CLI build (scripts/build-cli.ts) puts in this module's
 * place the same question compiled ahead of time (scripts/quick-validators.ts writes zod's own compiled
 * validators out as code), so a `rungs check` of valid files loads neither zod nor the schemas, about a
 * third of Node's own start-up. A no goes to validate.ts, which finds and locates every problem.
 */
import { FragmentFile, FrameworkFile } from "../core/schema.js";

export const quickValid = {
  framework: (value: unknown): boolean => FrameworkFile.safeParse(value).success,
  fragment: (value: unknown): boolean => FragmentFile.safeParse(value).success,
};
