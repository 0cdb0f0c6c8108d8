/** The page shell every HTML page shares: header with search, breadcrumbs, main content, footer. */

import { raw } from "hono/html";
import type { Child, FC, PropsWithChildren } from "hono/jsx";
import { createContext, useContext } from "hono/jsx";
import { type FrameworkVersion, versionLine } from "../../core/version.js";
import { META_CONTENT_SECURITY_POLICY } from "../csp.js";
import type { Links } from "../links.js";
import { paths } from "../links.js";
import { attr, esc, markup, mdBlock, mdInline, mdList } from "./markup.js";

export const LinksContext = createContext<Links | null>(null);

/**
 * What the header says about signing in: the person's name (and their organization's), a sign-out button,
 * or a sign-in link; nothing on the pages that are themselves the way in.
 */
export interface AccountHeader {
  signedIn?: { name: string; csrfToken: string; organization?: string | undefined; admin?: boolean };
  signInHref?: string;
}

/**
 * Where the account part of the header goes. Pages render this marker (when the app has accounts) and
 * `html()` fills it in for each request, so one rendering of a framework page serves every visitor.
 */
export const ACCOUNT_SLOT = "<!--rungs:account-->";

/** Set by `html()` when the app has a store: pages then leave a slot for the account header. */
export const AccountContext = createContext<boolean>(false);

/** What marks a block's place in a rendered page: `<!--rungs:block:N-->`, N its index in `PageBlocks`. */
export const BLOCK_MARKER = "<!--rungs:block:";

/** A piece of a page block: HTML, as a string or as its UTF-8 bytes (a fragment kept encoded). */
export type BlockPiece = string | Uint8Array;

/**
 * A page's large blocks of HTML (a matrix's thousands of rows), each as its pieces: `html()` writes them
 * into the page's bytes where their markers are, so they are never joined into one page-sized string.
 */
export class PageBlocks {
  readonly #blocks: (readonly BlockPiece[])[] = [];

  /** Keeps `pieces` and gives the marker that stands for them. */
  add(pieces: readonly BlockPiece[]): string {
    this.#blocks.push(pieces);
    return `${BLOCK_MARKER}${this.#blocks.length - 1}-->`;
  }

  /** How many blocks the page has: a page without any is written without looking for their markers. */
  get size(): number {
    return this.#blocks.length;
  }

  get(index: number): readonly BlockPiece[] {
    const block = this.#blocks[index];
    if (!block) throw new Error(`no page block ${index}`);
    return block;
  }
}

/** Set by `html()`: where a page's large blocks go. */
export const BlocksContext = createContext<PageBlocks | undefined>(undefined);

const utf8 = new TextDecoder();

/**
 * A large block of HTML made of `pieces` (each HTML already), for a component to return: a marker that
 * `html()` replaces with the pieces, or the pieces joined when rendered outside `html()`.
 */
export function useBlock(pieces: readonly BlockPiece[]) {
  const blocks = useContext(BlocksContext);
  if (blocks) return raw(blocks.add(pieces));
  let out = "";
  for (const piece of pieces) out += typeof piece === "string" ? piece : utf8.decode(piece);
  return raw(out);
}

/** Set by `html()` on pages about one framework: the footer names the version the page was made from. */
export const VersionContext = createContext<FrameworkVersion | undefined>(undefined);

/**
 * The footer's version. On a static site only the root file's `version:` (the release its author names): the
 * content hash and the commit change with every edit, and in every page's footer they would make a one-word
 * change rewrite the whole site (`rungs build --incremental` keeps the files whose bytes are the same). The
 * framework's overview page (`full`) names them, as the server's pages all do.
 */
function versionNoteHtml(version: FrameworkVersion | undefined, full: boolean): string {
  if (!version) return "";
  if (full)
    return `<p class="framework-version"${attr("title", version.hash)}>Framework version ${esc(versionLine(version))}</p>`;
  return version.version !== undefined
    ? `<p class="framework-version">Framework version ${esc(version.version)}</p>`
    : "";
}

/** The account part of the header for one request. */
export const AccountNav: FC<{ links: Links; account: AccountHeader }> = ({ links, account }) => {
  if (account.signedIn) {
    const { organization } = account.signedIn;
    return (
      <nav class="account-nav" aria-label="Account">
        {organization ? <span class="organization">{organization}</span> : null}
        <a href={links.to(paths.myHome())}>My home</a>
        <a href={links.to(paths.assessments())}>Assessments</a>
        <a href={links.to(paths.people())}>People</a>
        {account.signedIn.admin ? <a href={links.to(paths.adminPeople())}>Admin</a> : null}
        <a href={links.to(paths.account())}>{account.signedIn.name}</a>
        <form method="post" action={links.to(paths.signOut())}>
          <input type="hidden" name="_csrf" value={account.signedIn.csrfToken} />
          <button type="submit" class="secondary">
            Sign out
          </button>
        </form>
      </nav>
    );
  }
  if (!account.signInHref) return null;
  return (
    <nav class="account-nav" aria-label="Account">
      <a href={links.to(account.signInHref)}>Sign in</a>
    </nav>
  );
};

/** What just happened (a saved form, a sign-out), announced politely; nothing when there is nothing to say. */
export const Notice: FC<{ text: string | undefined }> = ({ text }) =>
  text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;

/** The current request's link builder (see links.ts). */
export function useLinks(): Links {
  const links = useContext(LinksContext);
  if (!links) throw new Error("useLinks outside a page");
  return links;
}

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageProps {
  title: string;
  links: Links;
  crumbs?: Crumb[];
  /** Island scripts this page needs, by file name under /assets/ (e.g. "mirror.js"). */
  scripts?: string[];
  /** A class on <body> for page-specific print rules, e.g. "landscape" for matrices. */
  kind?: string;
  /** A plain-text version of this page, linked as "Copy / print as text". */
  textHref?: string;
  description?: string;
  /** The footer names the framework's content hash and commit on a static site too (its overview page). */
  versionDetails?: boolean;
}

/**
 * Every page's frame: written as strings (markup.ts), as the blocks a page repeats are, since every page
 * pays for it, the first render after a framework change included; only the page's own content is JSX.
 */
export const Page: FC<PropsWithChildren<PageProps>> = ({
  title,
  links,
  crumbs,
  scripts,
  kind,
  textHref,
  description,
  versionDetails,
  children,
}) => {
  const version = useContext(VersionContext);
  const accountSlot = useContext(AccountContext);
  const body = `<body${attr("class", kind ?? "")} data-static="${links.staticSite ? "true" : "false"}"><a class="skip" href="#main">Skip to content</a>`;
  const footer = `<footer class="site"><p>Published with rungs: career frameworks as code.</p>${versionNoteHtml(version, !links.staticSite || Boolean(versionDetails))}</footer></body></html>`;
  return (
    <>
      {markup(
        `<!doctype html><html lang="en">${pageHeadHtml(title, links, scripts, description)}${body}${siteHeaderHtml(links, accountSlot)}`,
      )}
      <LinksContext.Provider value={links}>
        {crumbs?.length ? markup(crumbsHtml(crumbs)) : null}
        <main id="main">
          {children}
          {textHref
            ? markup(`<p class="text-view no-print"><a${attr("href", textHref)}>Copy / print as text</a></p>`)
            : null}
        </main>
      </LinksContext.Provider>
      {markup(footer)}
    </>
  );
};

/** Every page's <head>: the security policy of a static site, metadata, styles and the page's islands. */
function pageHeadHtml(
  title: string,
  links: Links,
  scripts: string[] | undefined,
  description: string | undefined,
): string {
  let out = '<head><meta charset="utf-8"/>';
  // a static site has no server to send the header: the same policy, first in <head> so it covers every
  // script and style after it
  if (links.staticSite)
    out += `<meta http-equiv="Content-Security-Policy"${attr("content", META_CONTENT_SECURITY_POLICY)}/>`;
  out +=
    '<meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="color-scheme" content="light dark"/>';
  if (description) out += `<meta name="description"${attr("content", description)}/>`;
  out += `<title>${esc(`${title} · rungs`)}</title><link rel="stylesheet"${attr("href", links.asset("app.css"))}/><link rel="icon"${attr("href", links.asset("favicon.svg"))} type="image/svg+xml"/>`;
  // classic deferred scripts, not modules: Chromium refuses module scripts from file:// (static sites on
  // disk); local-time: every page may show a <time> (components/when.tsx), written in UTC until it runs
  for (const s of ["local-time.js", ...(scripts ?? [])])
    out += `<script defer=""${attr("src", links.asset(s))}></script>`;
  return `${out}</head>`;
}

/** The header on every page: the way home, the search box, and the account part (filled in per request). */
function siteHeaderHtml(links: Links, accountSlot: boolean): string {
  // the <search> element is too new to rely on: a form with role="search"
  return `<header class="site"><a class="brand"${attr("href", links.to(paths.home()))}>rungs</a><form class="search-box" role="search"${attr("action", links.to(paths.search()))} method="get"><label for="site-search" class="visually-hidden">Search the frameworks</label><input id="site-search" type="search" name="q" placeholder="Search levels, competencies, roles…"/><button type="submit">Search</button></form>${accountSlot ? ACCOUNT_SLOT : ""}</header>`;
}

/** The breadcrumb trail; the last crumb is the page itself. */
function crumbsHtml(crumbs: Crumb[]): string {
  let out = '<nav class="crumbs" aria-label="Breadcrumb"><ol>';
  for (const [i, c] of crumbs.entries())
    out +=
      c.href && i < crumbs.length - 1
        ? `<li><a${attr("href", c.href)}>${esc(c.label)}</a></li>`
        : `<li><span aria-current="page">${esc(c.label)}</span></li>`;
  return `${out}</ol></nav>`;
}

/** Framework text as safe HTML (see markdown.ts). */
export const Md: FC<{ text: string | undefined; inline?: boolean }> = ({ text, inline }) =>
  text ? markup(inline ? mdInline(text) : mdBlock(text)) : null;

/** A titled section with an id, so every part of a page can be linked to. */
export const Section: FC<PropsWithChildren<{ id: string; title: Child; level?: 2 | 3 }>> = ({
  id,
  title,
  level,
  children,
}) => (
  <section id={id} aria-labelledby={`${id}-h`}>
    {level === 3 ? <h3 id={`${id}-h`}>{title}</h3> : <h2 id={`${id}-h`}>{title}</h2>}
    {children}
  </section>
);

/** A list of framework texts (responsibilities, items…), each as inline Markdown. */
export const MdList: FC<{ items: readonly string[]; class?: string }> = ({ items, class: className }) =>
  markup(mdList(items, className));

/** Names listed in a sentence ("A, B, C"), each in <bdi> so that none reorders the commas or its neighbours. */
export const NameList: FC<{ names: readonly string[] }> = ({ names }) => (
  <>
    {names.map((name, i) => (
      <>
        {i ? ", " : ""}
        <bdi>{name}</bdi>
      </>
    ))}
  </>
);
