/**
 * Whether a file's value is valid as it stands: the common case, answered with a yes or no and nothing to
 * locate. The CLI build (scripts/build-cli.ts) puts in this module's place the question compiled ahead of
 * time (scripts/quick-validators.ts writes zod's own compiled validators out as code; test/quick-validators
 * holds them to the schemas), so a `rungs check` of valid files loads neither zod nor the schemas, about a
 * third of Node's own start-up. A no goes to validate.ts, which finds and locates every problem.
 *
 * From the sources (the library, the tests) there is no quick answer: zod is loaded there anyway, and asking
 * the schemas here first would parse every file twice when it has a problem (the hostile corpus took twice
 * as long); validate.ts alone decides.
 */
export const quickValid = {
  framework: (_value: unknown): boolean => false,
  fragment: (_value: unknown): boolean => false,
};
