/**
 * Copy buttons for one-time links (components/copy-link.tsx): the button is hidden until this runs, copies
 * the whole link, and says so in a live region beside it.
 */

async function copy(button: HTMLButtonElement): Promise<void> {
  const source = document.getElementById(button.dataset.copy ?? "");
  const status = document.getElementById(`${button.dataset.copy ?? ""}-status`);
  const text = source?.textContent?.trim() ?? "";
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
    if (status) status.textContent = "Copied.";
  } catch {
    // no clipboard (an insecure origin, a denied permission): select it, so Ctrl+C copies it
    const range = document.createRange();
    if (source) range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    if (status) status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", () => void copy(button));
}
