/**
 * Sending mail through an SMTP server (nodemailer): the settings `rungs serve` reads from its environment,
 * the mailer the invitations use, and what a failure means in words an admin can act on.
 */
import type { Transporter } from "nodemailer";
import { CONTROL } from "../core/fields.js";
import { checkEmail } from "../store/person-input.js";

/** Where mail goes out: an SMTP server and the sender's address. */
export interface MailConfig {
  /**
   * `smtp://user:password@host:587` (STARTTLS, required unless the host is this machine) or
   * `smtps://user:password@host:465` (TLS from the start). `RUNGS_SMTP_URL`; never logged or shown.
   */
  url: string;
  /** The sender's address, `RUNGS_MAIL_FROM`, e.g. `rungs@example.com`. */
  from: string;
}

/** One plain-text mail to one person. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/** Why a mail did not go out. `stop`: the server itself is unusable now, so trying others is pointless. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly stop: boolean,
  ) {
    super(message);
    this.name = "MailError";
  }
}

/** Sends mail; throws a MailError when it cannot. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** Seconds an admin waits at most for an unreachable server before the links are shown instead. */
const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** How much of the server's own answer an admin is shown (it can be long, and is the server's words). */
const RESPONSE_SHOWN = 200;

/** What is wrong with an SMTP URL, if anything. */
export function smtpUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an address such as smtp://user:password@mail.example.com:587";
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "must start with smtp:// or smtps://";
  if (url.hostname === "") return "must name the mail server's host";
  if (url.hash !== "") return "must not have a fragment";
  return undefined;
}

/** Mail settings from RUNGS_SMTP_URL and RUNGS_MAIL_FROM: both or neither (a partial set is a problem). */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[]): MailConfig | undefined {
  const url = env.RUNGS_SMTP_URL?.trim() ?? "";
  const from = env.RUNGS_MAIL_FROM?.trim() ?? "";
  if (url === "" && from === "") return undefined;
  if (url === "" || from === "") {
    problems.push(
      "RUNGS_SMTP_URL and RUNGS_MAIL_FROM go together: set both to send invitations by mail, or neither",
    );
    return undefined;
  }
  const config = { url, from };
  const problem = mailConfigProblem(config);
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  return config;
}

/** What is wrong with mail settings (the URL is never repeated: it may hold a password). */
export function mailConfigProblem(config: MailConfig): string | undefined {
  const urlProblem = smtpUrlProblem(config.url);
  if (urlProblem) return `RUNGS_SMTP_URL ${urlProblem}`;
  if (CONTROL.test(config.from) || checkEmail(config.from).problem)
    return `RUNGS_MAIL_FROM must be one email address such as rungs@example.com, not "${config.from.replace(CONTROL, "?")}"`;
  return undefined;
}

/** An admin-readable reason from what nodemailer reports (its `code`, and the server's answer if any). */
export function mailFailure(error: unknown): MailError {
  const e = (error ?? {}) as {
    code?: unknown;
    response?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const said =
    typeof e.response === "string" && e.response.trim() !== ""
      ? ` The server said: "${e.response.replace(CONTROL, " ").trim().slice(0, RESPONSE_SHOWN)}".`
      : "";
  switch (e.code) {
    case "ECONNECTION":
    case "ETIMEDOUT":
    case "ESOCKET":
    case "EDNS":
    case "ETLS":
    case "EPROTOCOL":
      return new MailError(`The mail server could not be reached or did not answer properly.${said}`, true);
    case "EAUTH":
    case "ENOAUTH":
      return new MailError(`The mail server refused rungs' user name or password.${said}`, true);
    default:
      return new MailError(`The mail server did not accept this mail.${said}`, false);
  }
}

/** A Mailer over one SMTP server. Each send opens its own connection (invitations are rare). */
export function smtpMailer(config: MailConfig): Mailer {
  const problem = mailConfigProblem(config);
  if (problem) throw new RangeError(problem);
  const host = new URL(config.url).hostname;
  // nodemailer is imported at the first send: a server that never mails never loads it
  let transport: Promise<Transporter> | undefined;
  const connect = () =>
    (transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: config.url,
        // plain smtp:// must upgrade to TLS before the password and the links go over it, except on this machine
        requireTLS: config.url.startsWith("smtp:") && !LOCAL_HOSTS.has(host),
        connectionTimeout: CONNECT_TIMEOUT_MS,
        greetingTimeout: CONNECT_TIMEOUT_MS,
        socketTimeout: SOCKET_TIMEOUT_MS,
        disableFileAccess: true,
        disableUrlAccess: true,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  return {
    async send(mail) {
      try {
        await (await connect()).sendMail({
          from: { name: "rungs", address: config.from },
          to: { name: mail.to.name, address: mail.to.address },
          subject: mail.subject,
          text: mail.text,
        });
      } catch (error) {
        throw mailFailure(error);
      }
    },
  };
}
