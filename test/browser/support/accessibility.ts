import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/**
 * Checks a page the way an accessibility audit starts: a language, one main heading, a label for every control, a
 * name for every button and link, and text contrast of at least 4.5:1 (3:1 for large text, WCAG 2.1 §1.4.3)
 * against the background it is drawn on.
 */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`;
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    if (!document.documentElement.lang) found.push('no lang on <html>');
    if (document.querySelectorAll('h1').length !== 1) found.push(`${document.querySelectorAll('h1').length} h1 elements`);
    for (const control of Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))) {
      const labelled = (control as HTMLInputElement).labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
      if (!labelled) found.push(`no label: ${describe(control)}`);
    }
    for (const named of Array.from(document.querySelectorAll('button, a[href]'))) {
      if (!visible(named)) continue;
      if (!(named.getAttribute('aria-label') || named.textContent?.trim())) found.push(`no accessible name: ${describe(named)}`);
    }
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (el: Element | null): number[] => {
      for (let at = el; at; at = at.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(at).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const text = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!text || !visible(el) || (el as HTMLButtonElement).disabled) continue;
      const style = getComputedStyle(el);
      const fg = luminance(rgb(style.color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) found.push(`contrast ${ratio.toFixed(2)}:1 for ${describe(el)} "${el.textContent?.trim().slice(0, 30)}"`);
    }
    return found;
  });
  assert.deepEqual(problems, [], `${name}: accessibility problems`);
}
