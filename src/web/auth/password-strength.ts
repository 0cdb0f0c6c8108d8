/**
 * The rules a new password must meet, the same on every form that sets one (first-run setup, the reset
 * link, changing it on the account page): at least 12 characters, and hard to guess by the estimate of
 * zxcvbn-ts, which models how guessers work (lists of leaked passwords and common words, names, dates,
 * keyboard walks, repeats, sequences, letter-for-symbol swaps) rather than counting character classes,
 * which push people to `Password1!` and refuse a long phrase of plain words.
 *
 * Kept apart from the hashing in passwords.ts: what a good password is has nothing to do with how it is
 * stored.
 */
import type { FeedbackType, ZxcvbnFactory } from "@zxcvbn-ts/core";
import { PASSWORD_MAX_LENGTH } from "./passwords.js";

export const PASSWORD_MIN_LENGTH = 12;

/**
 * The estimator's score (0–4) a password needs: 4, at least 10^10 guesses. Score 3 (10^8) still let
 * `Summer2024!!!` and a name with a year through, the first things a guesser tries; a phrase of a few
 * plain words scores 4 easily.
 */
const MIN_SCORE = 4;

/**
 * Only the first this many characters are estimated: the estimator's work grows steeply with length (a
 * thousand characters took seconds), and a password that is weak in its first 64 characters is weak.
 */
const ESTIMATED_LENGTH = 64;

/** What the form says next to the password field, before anything is typed. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters and hard to guess: several unrelated words work well. Not your name or email, a date, a keyboard pattern or a common password.`;

/** Words anyone attacking this app would try: the product and what it is about. */
const SITE_WORDS = ["rungs", "career", "framework", "ladder", "promotion"];

/**
 * Phrases everyone has seen, which the estimator takes for several unrelated words and scores high: a
 * password that is one of them, a piece of one, or one with a few characters added is refused. Compared
 * with letters and digits only, in lower case (so spacing, punctuation and capitals change nothing).
 */
const FAMOUS_PHRASES = [
  "correct horse battery staple",
  "the quick brown fox jumps over the lazy dog",
  "lorem ipsum dolor sit amet consectetur adipiscing elit",
  "to be or not to be that is the question",
  "may the force be with you",
  "all your base are belong to us",
  "never gonna give you up never gonna let you down",
  "hello world hello world",
  "winter is coming",
  "one ring to rule them all",
  "i think therefore i am",
  "open sesame open sesame",
  "let me in let me in",
  "i love you i love you",
].map(squeeze);

/** How many characters a famous phrase needs added before the rest is judged on its own. */
const FAMOUS_MARGIN = 8;

function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Whether a password is a famous phrase, a piece of one, or one with a few characters around it. */
export function isFamousPhrase(password: string): boolean {
  const squeezed = squeeze(password);
  if (squeezed.length === 0) return false;
  return FAMOUS_PHRASES.some(
    (phrase) =>
      phrase.includes(squeezed) ||
      (squeezed.includes(phrase) && squeezed.length - phrase.length < FAMOUS_MARGIN),
  );
}

/** Why a new password is refused: one message per problem, for the field at fault. */
export interface PasswordProblem {
  field: "password" | "confirm";
  message: string;
}

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Loaded and built on first use: the dictionaries are megabytes of JavaScript, and every CLI command
 * (which loads the app's modules) and most server processes never check a new password.
 */
function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: ESTIMATED_LENGTH,
      // each allowed substitution multiplies the work; three catch the usual p4ssw0rd swaps
      l33tMaxSubstitutions: 3,
    });
  })();
  return estimator;
}

/** Why the estimator found a password weak, in our words (keys of zxcvbn-ts' feedback). */
const WHY = new Map<string, string>([
  ["straightRow", "it follows a straight row of keys"],
  ["keyPattern", "it follows a pattern on the keyboard"],
  ["simpleRepeat", "it repeats the same character"],
  ["extendedRepeat", "it repeats the same few characters"],
  ["sequences", "it runs along the alphabet or the digits, like abc or 123"],
  ["recentYears", "it contains a recent year"],
  ["dates", "it contains a date"],
  ["topTen", "it is one of the passwords people use most"],
  ["topHundred", "it is one of the passwords people use most"],
  ["common", "it is one of the passwords people use most"],
  ["similarToCommon", "it is a common password with small changes"],
  ["wordByItself", "it is mostly a single word"],
  ["namesByThemselves", "it is mostly a single name"],
  ["commonNames", "it is built from common names"],
  ["userInputs", "it contains your name, your email or the name of this site"],
]);

/** Advice worth giving for some of the estimator's suggestions (others push towards complexity, not length). */
const ADVICE = new Map<string, string>([
  [
    "l33t",
    "Swapping letters for look-alike digits or symbols (@ for a) does not help: guessers try that first.",
  ],
  ["reverseWords", "Spelling a word backwards does not help either."],
  ["dates", "Leave out dates and years that have to do with you."],
  ["associatedYears", "Leave out dates and years that have to do with you."],
  ["recentYears", "Leave out dates and years that have to do with you."],
]);

const GENERAL_ADVICE = "Several unrelated words make a password that is hard to guess and easy to remember.";

/** The words of a person's name and email the password must not be built from. */
function personalWords(about: { name?: string | null; email?: string | null }): string[] {
  const words = new Set<string>(SITE_WORDS);
  const add = (text: string) => {
    const lower = text.toLowerCase().trim();
    if (lower.length < 3) return;
    words.add(lower);
    words.add(lower.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  };
  if (about.name) add(about.name);
  if (about.email) {
    const at = about.email.lastIndexOf("@");
    add(about.email);
    add(at > 0 ? about.email.slice(0, at) : about.email);
    // the organization's name is usually the first part of the domain
    if (at > 0) add(about.email.slice(at + 1).split(".")[0] ?? "");
  }
  return [...words].filter((word) => word.length >= 3);
}

/** The message for a weak password: why, then what to do instead. */
function weakMessage(feedback: FeedbackType): string {
  const why =
    (feedback.warning && WHY.get(feedback.warning)) || "people trying likely passwords would find it soon";
  const advice = [...new Set(feedback.suggestions.map((key) => ADVICE.get(key)).filter(Boolean))];
  return [`This password is too easy to guess: ${why}.`, ...advice, GENERAL_ADVICE].join(" ");
}

/**
 * Checks a new password (and its confirmation) before it is hashed. `about` is what the password must not
 * be built from: the person's name and email.
 */
export async function checkNewPassword(
  password: unknown,
  confirm: unknown,
  about: { name?: string | null; email?: string | null } = {},
): Promise<PasswordProblem[]> {
  if (typeof password !== "string" || password.length === 0) {
    return [{ field: "password", message: "Enter a password." }];
  }
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      {
        field: "password",
        message: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). ${GENERAL_ADVICE}`,
      },
    ];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ field: "password", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }];
  }
  if (password.trim() !== password) {
    return [{ field: "password", message: "Remove the spaces at the start or end of the password." }];
  }
  const problems: PasswordProblem[] = [];
  if (isFamousPhrase(password)) {
    problems.push({
      field: "password",
      message: `This password is too easy to guess: it is a well-known phrase, which guessers try early. ${GENERAL_ADVICE}`,
    });
  } else {
    const estimate = (await zxcvbn()).check(password, personalWords(about));
    if (estimate.score < MIN_SCORE)
      problems.push({ field: "password", message: weakMessage(estimate.feedback) });
  }
  if (typeof confirm !== "string" || confirm !== password) {
    problems.push({
      field: "confirm",
      message: "The two passwords are not the same; type the new one twice.",
    });
  }
  return problems;
}
