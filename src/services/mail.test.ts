import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyOf, headersOf, startSmtpServer, type TestSmtpServer } from "../../test/support/smtp-server.js";
import { MailError, mailConfigFromEnv, smtpMailer } from "./mail.js";

describe("mail through a real SMTP server", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("delivers a plain-text mail to the one address given, from the configured sender", async () => {
    const mailer = smtpMailer({ url: smtp.url, from: "rungs@example.com" });
    await mailer.send({
      to: { name: "Zoë Example", address: "zoe@example.com" },
      subject: "Hello",
      text: "A line with ünïcode.\n",
    });
    const mail = smtp.mails.at(-1);
    expect(mail?.from).toBe("rungs@example.com");
    expect(mail?.to).toEqual(["zoe@example.com"]);
    expect(bodyOf(mail?.raw ?? "")).toContain("A line with ünïcode.");
  });

  it("a name cannot add recipients or headers: it is encoded inside the To header", async () => {
    const mailer = smtpMailer({ url: smtp.url, from: "rungs@example.com" });
    const hostile = 'Eve "x" <eve@evil.test>, Bcc: mallory@evil.test\r\nX-Injected: yes';
    await mailer.send({ to: { name: hostile, address: "pat@example.com" }, subject: "Hi", text: "x" });
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(["pat@example.com"]);
    const headers = headersOf(mail?.raw ?? "");
    expect(headers.filter((h) => /^x-injected:/i.test(h))).toEqual([]);
    expect(headers.filter((h) => /^bcc:/i.test(h))).toEqual([]);
    const to = headers.filter((h) => /^to:/i.test(h));
    expect(to).toHaveLength(1);
    expect(to[0]).toContain("<pat@example.com>");
    expect(to[0]).not.toContain("<eve@evil.test>");
  });

  it("a refused recipient is a MailError that lets the others be tried", async () => {
    smtp.refuse.add("gone@example.com");
    const mailer = smtpMailer({ url: smtp.url, from: "rungs@example.com" });
    const sent = mailer.send({ to: { name: "Gone", address: "gone@example.com" }, subject: "Hi", text: "x" });
    await expect(sent).rejects.toBeInstanceOf(MailError);
    await expect(sent).rejects.toMatchObject({
      stop: false,
      message: expect.stringContaining("did not accept"),
    });
  });

  it("an unreachable server is a MailError that says so and stops the rest", async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const mailer = smtpMailer({ url: closed.url, from: "rungs@example.com" });
    const sent = mailer.send({ to: { name: "Pat", address: "pat@example.com" }, subject: "Hi", text: "x" });
    await expect(sent).rejects.toMatchObject({
      stop: true,
      message: expect.stringContaining("could not be reached"),
    });
  });
});

describe("mail settings from the environment", () => {
  const read = (env: Record<string, string>) => {
    const problems: string[] = [];
    return { config: mailConfigFromEnv(env, problems), problems };
  };

  it("takes both settings, or neither", () => {
    expect(read({})).toEqual({ config: undefined, problems: [] });
    expect(
      read({ RUNGS_SMTP_URL: "smtps://u:p@mail.example.com:465", RUNGS_MAIL_FROM: "rungs@example.com" }),
    ).toEqual({
      config: { url: "smtps://u:p@mail.example.com:465", from: "rungs@example.com" },
      problems: [],
    });
    expect(read({ RUNGS_SMTP_URL: "smtp://mail.example.com" }).problems[0]).toContain("go together");
  });

  it("refuses another scheme or a bad sender, and never repeats the URL (it may hold a password)", () => {
    const bad = read({
      RUNGS_SMTP_URL: "http://u:secret@mail.example.com",
      RUNGS_MAIL_FROM: "rungs@example.com",
    });
    expect(bad.config).toBeUndefined();
    expect(bad.problems[0]).toContain("smtp:// or smtps://");
    expect(bad.problems.join(" ")).not.toContain("secret");
    const from = read({ RUNGS_SMTP_URL: "smtp://mail.example.com", RUNGS_MAIL_FROM: "not an address" });
    expect(from.problems[0]).toContain("RUNGS_MAIL_FROM");
  });
});
