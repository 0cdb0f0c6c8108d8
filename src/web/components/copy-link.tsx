/**
 * A one-time link shown whole (never cut off: it wraps anywhere) with a button that copies it. The button
 * comes with the copy-link island: pages that show one pass "copy-link.js" in their scripts.
 */
import type { FC } from "hono/jsx";

export const COPY_LINK_SCRIPT = "copy-link.js";

export const CopyableLink: FC<{ id: string; label: string; link: string }> = ({ id, label, link }) => (
  <div class="copy-link">
    <span class="copy-link-label" id={`${id}-label`}>
      {label}
    </span>
    <code id={id} class="link-text">
      {link}
    </code>
    <button type="button" class="secondary" data-copy={id} aria-describedby={`${id}-label`} hidden>
      Copy link
    </button>
    <span id={`${id}-status`} class="meta" role="status" />
  </div>
);
