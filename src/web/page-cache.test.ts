import { expect, it } from "vitest";
import { addPerson, authApp, signedIn, TestBrowser } from "../../test/support/auth.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { ORGANIZATION_KEY } from "../store/settings.repository.js";

/** The account part of a page's header. */
function accountNav(body: string): string {
  return /<nav class="account-nav"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? "";
}

describeEachDatabase("the page cache with people signed in", (ctx) => {
  it("renders a framework page once and fills in each visitor's own header", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    await addPerson(store, { name: "Grace Hopper", email: "grace@example.com" });
    await store.settings.set(ORGANIZATION_KEY, "Analytical <Engines>");
    const ada = await signedIn(app, "ada@example.com");
    const grace = await signedIn(app, "grace@example.com");
    const anonymous = new TestBrowser(app);
    const path = "/frameworks/engineering/matrix/";

    const pages = [
      await ada.get(path),
      await grace.get(path),
      await anonymous.get(path),
      await ada.get(path),
    ];
    for (const page of pages) expect(page.status).toBe(200);
    const [first = "", second = "", third = "", again = ""] = pages.map((p) => p.body);

    // the same framework content for everyone
    const main = (body: string) => body.slice(body.indexOf('<main id="main">'));
    expect(main(second)).toBe(main(first));
    expect(main(third)).toBe(main(first));

    // and each header their own: name, sign-out token, organization (escaped); nobody else's
    expect(accountNav(first)).toContain("Ada Lovelace");
    expect(accountNav(first)).toContain(`value="${ada.csrf}"`);
    expect(accountNav(first)).toContain('<span class="organization">Analytical &lt;Engines&gt;</span>');
    expect(accountNav(second)).toContain("Grace Hopper");
    expect(accountNav(second)).toContain(`value="${grace.csrf}"`);
    expect(second).not.toContain("Ada Lovelace");
    expect(second).not.toContain(ada.csrf);
    expect(accountNav(third)).toContain(`href="/sign-in?next=${encodeURIComponent(path)}"`);
    expect(third).not.toContain("Grace Hopper");
    expect(third).not.toContain("Analytical");
    expect(again).toBe(first);
    expect(first).not.toContain("<!--rungs:account-->");

    // pages with someone's name on them stay private to their browser
    expect((await ada.get(path)).headers.get("cache-control")).toBe("private, no-store");
    expect((await anonymous.get(path)).headers.get("cache-control")).toBe(
      "public, max-age=0, must-revalidate",
    );
  });

  it("never serves one person's private page to another", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    await addPerson(store, { name: "Grace Hopper", email: "grace@example.com" });
    const ada = await signedIn(app, "ada@example.com");
    const grace = await signedIn(app, "grace@example.com");
    expect((await ada.get("/account/")).body).toContain("<dd>ada@example.com</dd>");
    const hers = await grace.get("/account/");
    expect(hers.body).toContain("<dd>grace@example.com</dd>");
    expect(hers.body).not.toContain("ada@example.com");
  });
});
