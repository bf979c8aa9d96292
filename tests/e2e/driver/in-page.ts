// Bundled (locator.ts) and injected into a document to find elements the way a reader, or
// assistive technology, does: by role and accessible name, by visible text, by label. It then
// reads what a reader would see of them. It runs in the page itself, so that it is the same code in
// Chromium and in Firefox; roles and names come from dom-accessibility-api, which implements the
// W3C accessible-name computation (testing-library and jsdom use it too).
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';
import type { Step, TextMatcher } from './steps';

const CARD_HOST_PREFIX = 'fact-context-popover-';

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Playwright's semantics: a string matches a case-insensitive substring, or the whole text when exact. */
function textMatches(matcher: TextMatcher, exact = false): (text: string) => boolean {
  if (typeof matcher === 'object') {
    const regex = new RegExp(matcher.regex, matcher.flags);
    return (text) => regex.test(normalise(text));
  }
  const wanted = normalise(matcher);
  return exact ? (text) => normalise(text) === wanted : (text) => normalise(text).toLowerCase().includes(wanted.toLowerCase());
}

type Container = Document | ShadowRoot | Element;

const elementsIn = (container: Container): Element[] => [...container.querySelectorAll('*')];

/** The card's shadow roots (the host is ours, with a random ending). */
const cardRoots = (container: Container): ShadowRoot[] =>
  elementsIn(container.ownerDocument ?? (container as Document))
    .filter((element) => element.localName.startsWith(CARD_HOST_PREFIX))
    .flatMap((host) => (host.shadowRoot ? [host.shadowRoot] : []));

function headingLevel(element: Element): number | undefined {
  const level = Number(element.getAttribute('aria-level')) || Number(/^h([1-6])$/.exec(element.localName)?.[1]);
  return level || undefined;
}

const accessible = (element: Element) => !isInaccessible(element);

function byRole(container: Container, step: Extract<Step, { kind: 'role' }>): Element[] {
  const nameMatches = step.name === undefined ? undefined : textMatches(step.name, step.exact);
  return elementsIn(container).filter(
    (element) =>
      getRole(element) === step.role &&
      (step.includeHidden || accessible(element)) &&
      (step.level === undefined || headingLevel(element) === step.level) &&
      (!nameMatches || nameMatches(computeAccessibleName(element))),
  );
}

/**
 * Elements whose text matches and none of whose element children's does (the innermost).
 * `containing`: the matcher is a substring, so an element whose text does not match has no
 * descendant that does, and is not looked into. (A regular expression such as /^Imported/, or an
 * exact text, can match an element inside one whose own text does not match.)
 */
function byText(container: Container, matches: (text: string) => boolean, containing = true): Element[] {
  const found: Element[] = [];
  const visit = (element: Element) => {
    if (['script', 'style', 'head', 'template'].includes(element.localName)) return;
    const matched = matches(element.textContent ?? '');
    if (!matched && containing) return;
    const before = found.length;
    for (const child of element.children) visit(child);
    if (matched && found.length === before) found.push(element);
  };
  for (const child of container instanceof Document ? [container.documentElement] : container.children) visit(child);
  return found;
}

/** Form controls labelled with matching text (by <label>, aria-label or aria-labelledby). */
function byLabel(container: Container, matches: (text: string) => boolean): Element[] {
  return elementsIn(container).filter((element) => {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) return false;
    const labels = [...(element.labels ?? [])].map((label) => label.textContent ?? '');
    return [...labels, element.getAttribute('aria-label') ?? '', computeAccessibleName(element)].some((text) => text && matches(text));
  });
}

/** Resolves a locator's steps to the elements they stand for. */
export function resolve(steps: readonly Step[]): Element[] {
  let current: Container[] = [document];
  for (const step of steps) {
    if (step.kind === 'nth') {
      const picked = current.at(step.index);
      current = picked ? [picked] : [];
      continue;
    }
    const next: Container[] = [];
    for (const container of current) {
      if (step.kind === 'card') next.push(...cardRoots(container));
      else if (step.kind === 'css') next.push(...container.querySelectorAll(step.selector));
      else if (step.kind === 'role') next.push(...byRole(container, step));
      else if (step.kind === 'text') next.push(...byText(container, textMatches(step.text, step.exact), typeof step.text === 'string' && !step.exact));
      else if (step.kind === 'label') next.push(...byLabel(container, textMatches(step.label, step.exact)));
      else if (step.kind === 'hasText' && textMatches(step.text)(container.textContent ?? '')) next.push(container);
    }
    current = [...new Set(next)];
  }
  return current.filter((node): node is Element => node instanceof Element);
}

/** What a reader would call visible: a box of some size, not hidden by `visibility`. */
function isVisible(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 && element.checkVisibility({ visibilityProperty: true });
}

/** The element focus is in, through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const boxOf = (element: Element) => {
  const rect = element.getBoundingClientRect();
  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
};

/** Each accessible element's role and name, in document order: what assistive technology is told. */
function ariaOutline(element: Element) {
  return [element, ...element.querySelectorAll('*')]
    .filter((each) => getRole(each) && getRole(each) !== 'generic' && accessible(each))
    .map((each) => ({ role: getRole(each)!, name: computeAccessibleName(each), level: headingLevel(each) }));
}

const reads = {
  count: (elements: Element[]) => elements.length,
  visible: (elements: Element[]) => elements.length > 0 && isVisible(elements[0]),
  texts: (elements: Element[]) => elements.map((element) => normalise(element.textContent ?? '')),
  name: (elements: Element[]) => (elements[0] ? computeAccessibleName(elements[0]) : undefined),
  focused: (elements: Element[]) => elements.length > 0 && elements[0] === deepActiveElement(),
  checked: (elements: Element[]) => {
    const element = elements[0];
    if (!element) return undefined;
    return element instanceof HTMLInputElement ? element.checked : element.getAttribute('aria-checked') === 'true';
  },
  enabled: (elements: Element[]) => (elements[0] ? !(elements[0] as HTMLButtonElement).disabled && elements[0].getAttribute('aria-disabled') !== 'true' : undefined),
  value: (elements: Element[]) => (elements[0] as HTMLInputElement | undefined)?.value,
  attribute: (elements: Element[], name: string) => (elements[0] ? elements[0].getAttribute(name) : undefined),
  box: (elements: Element[]) => (elements[0] ? boxOf(elements[0]) : undefined),
  inViewport: (elements: Element[]) => {
    if (!elements[0]) return false;
    const rect = elements[0].getBoundingClientRect();
    return rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
  },
  /**
   * The point to click on the first visible element, scrolled into view first where a click there
   * would not reach it: outside the viewport, scrolled out of a box, or under something else (a
   * sticky footer) — as a reader would scroll to it.
   */
  clickPoint: (elements: Element[]) => {
    const element = elements.find(isVisible);
    if (!element) return undefined;
    const pointOf = () => {
      const rect = element.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + Math.min(rect.height / 2, 12) };
    };
    /** What a click at the point reaches, through open shadow roots. */
    const hitAt = ({ x, y }: { x: number; y: number }) => {
      let target = document.elementFromPoint(x, y);
      while (target?.shadowRoot) {
        const inner = target.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === target) break;
        target = inner;
      }
      return target;
    };
    const point = pointOf();
    const hit = hitAt(point);
    if (hit && (hit === element || element.contains(hit))) return point;
    element.scrollIntoView({ block: 'center', inline: 'center' });
    return pointOf();
  },
  /** Focuses the first element, and selects what is typed in it (so typing replaces it). */
  focus: (elements: Element[]) => {
    const element = elements[0] as HTMLInputElement | undefined;
    if (!element) return false;
    element.focus();
    if (typeof element.select === 'function') element.select();
    return true;
  },
  ariaOutline: (elements: Element[]) => (elements[0] ? ariaOutline(elements[0]) : undefined),
  /** The first element's computed value of a CSS property (`background-color`). */
  style: (elements: Element[], property: string) => (elements[0] ? getComputedStyle(elements[0]).getPropertyValue(property) : undefined),
};

export type Reads = typeof reads;
export type ReadName = keyof Reads;

export function read(steps: readonly Step[], what: ReadName, arg?: string): unknown {
  return (reads[what] as (elements: Element[], arg?: string) => unknown)(resolve(steps), arg);
}
