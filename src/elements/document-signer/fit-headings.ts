/**
 * Clinician HTML brings its own headings, and usually starts with the very title the step's
 * heading already says ("Consent to sign electronically" twice): a screen reader hears it
 * twice and the outline breaks. These helpers give each step one heading at the host's level.
 */
const HEADING = /^H[1-6]$/;

/** The fragment's first element when it is a heading (whitespace before it aside). */
function leadingHeading(fragment: DocumentFragment): Element | undefined {
  for (const node of fragment.childNodes) {
    if (node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) continue;
    return node instanceof Element && HEADING.test(node.tagName) ? node : undefined;
  }
  return undefined;
}

const normalized = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** The text of the clinician's leading heading, to serve as the step's own (the welcome's). */
export function leadingHeadingText(fragment: DocumentFragment | undefined): string | undefined {
  const text = fragment && leadingHeading(fragment)?.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/**
 * A copy of `fragment` whose leading heading is gone when it says `title` (the step's heading
 * already does), and whose other headings sit below the step's `level`, keeping their order
 * of rank (an h2 and h3 under a level-2 step become h3 and h4; never past h6).
 */
export function fitHeadings(fragment: DocumentFragment, title: string, level: number): DocumentFragment {
  const copy = fragment.cloneNode(true) as DocumentFragment;
  const leading = leadingHeading(copy);
  if (leading && normalized(leading.textContent) === normalized(title)) leading.remove();
  const headings = [...copy.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const top = Math.min(...headings.map((h) => Number(h.tagName[1])));
  for (const old of headings) {
    const wanted = Math.min(6, level + 1 + Number(old.tagName[1]) - top);
    if (Number(old.tagName[1]) === wanted) continue;
    const replacement = document.createElement(`h${wanted}`);
    for (const { name, value } of [...old.attributes]) replacement.setAttribute(name, value);
    replacement.append(...old.childNodes);
    old.replaceWith(replacement);
  }
  return copy;
}
