// Small DOM helpers shared by both pages; every text goes through textContent, never innerHTML.

type Child = Node | string;

/** Returns the element with `id`, or throws naming the id when the page markup lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page markup has no element with id "${id}"`);
  return element as T;
}

/** Creates an element with attributes and text or element children. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Replaces the content of a live region with one paragraph, styled by `tone`. */
export function showMessage(region: HTMLElement, text: string, tone: "info" | "success" | "error" = "info"): void {
  const paragraph = element("p", tone === "info" ? {} : { class: tone }, [text]);
  region.replaceChildren(paragraph);
}
