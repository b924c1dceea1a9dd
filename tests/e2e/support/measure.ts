/**
 * Measures what an older reader needs on the page being shown, from the browser's computed styles:
 * text sizes, line heights, text contrast (WCAG 2 formula from the computed colours, blended over
 * the first opaque background behind the text) and the boxes of everything that can be tapped.
 *
 * Runs inside the page (a string, so that the server tsconfig needs no DOM lib). Only the visible
 * Taro page counts (the H5 router keeps earlier pages in the DOM, hidden), the whole page not just
 * what is scrolled into view.
 */
import type { Page } from 'playwright-core';

/** The figures to meet (MIIT 适老化通用设计规范, WeChat 小程序适老化设计指南). */
export interface Rules {
  /** Smallest text, css px at 375 px width. */
  minFontPx: number;
  /** Smallest line height as a multiple of the font size (0: not checked). */
  minLineHeight: number;
  /** Smallest tap target, css px each way. */
  minTargetPx: number;
}

export const LARGE_RULES: Rules = { minFontPx: 18, minLineHeight: 1.3, minTargetPx: 60 };
export const STANDARD_RULES: Rules = { minFontPx: 12, minLineHeight: 0, minTargetPx: 44 };

export interface Violation {
  kind: 'font' | 'line-height' | 'contrast' | 'target';
  /** The element's data-testid or class, and its text (shortened). */
  where: string;
  text: string;
  value: number;
  min: number;
}

export interface Measurement {
  smallestFontPx: number;
  smallestTarget: { w: number; h: number; where: string } | null;
  lowestContrast: { ratio: number; where: string } | null;
  texts: number;
  targets: number;
  violations: Violation[];
}

const SCRIPT = String.raw`(rules) => {
  const root = [...document.querySelectorAll('.taro_page')].find((p) => p.offsetParent !== null || p.getClientRects().length > 0 && getComputedStyle(p).display !== 'none') || document.body;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const label = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const id = e.getAttribute && e.getAttribute('data-testid');
      if (id) return (e === el ? '' : '…') + '[' + id + ']' + (e === el ? '' : ' ' + String(el.className || el.tagName.toLowerCase()).split(' ')[0]);
    }
    return String(el.className || el.tagName.toLowerCase()).split(' ')[0];
  };
  const short = (s) => String(s ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    const r0 = el.getBoundingClientRect();
    const cx = r0.left + r0.width / 2, cy = r0.top + r0.height / 2;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      // A child placed outside its parent's box (a number above its bar) is not on that background.
      const r = e.getBoundingClientRect();
      if (e !== el && e !== document.documentElement && e !== document.body && (cx < r.left || cx > r.right || cy < r.top || cy > r.bottom)) continue;
      if (s.backgroundImage && s.backgroundImage !== 'none' && !/url\(/.test(s.backgroundImage)) {
        const m = s.backgroundImage.match(/rgba?\([^)]+\)/);
        if (m) { layers.push(parse(m[0])); if (layers[layers.length - 1].a >= 1) break; }
      }
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };

  const out = { smallestFontPx: Infinity, smallestTarget: null, lowestContrast: null, texts: 0, targets: 0, violations: [] };
  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    const ownText = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
    if (el.tagName === 'INPUT' && /^(checkbox|radio|file|hidden)$/.test(el.type)) continue;
    const isField = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
    const text = isField ? el.value || el.placeholder || '' : ownText;
    if (!short(text) || !shown(el)) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    out.texts += 1;
    out.smallestFontPx = Math.min(out.smallestFontPx, size);
    const where = label(el);
    if (size + 0.01 < rules.minFontPx) out.violations.push({ kind: 'font', where, text: short(text), value: size, min: rules.minFontPx });
    if (rules.minLineHeight > 0 && !isField) {
      const lh = s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / size;
      if (lh + 0.005 < rules.minLineHeight) out.violations.push({ kind: 'line-height', where, text: short(text), value: Math.round(lh * 100) / 100, min: rules.minLineHeight });
    }
    const fg = parse(s.color);
    if (fg) {
      const bg = background(el);
      const c = ratio(over(fg, bg), bg);
      const bold = Number(s.fontWeight) >= 700;
      const min = size >= 18 || (bold && size >= 14) ? 3 : 4.5;
      if (!out.lowestContrast || c < out.lowestContrast.ratio) out.lowestContrast = { ratio: Math.round(c * 100) / 100, where };
      if (c + 0.005 < min) out.violations.push({ kind: 'contrast', where, text: short(text), value: Math.round(c * 100) / 100, min });
    }
  }
  // Tap targets: what React listens to for taps, and native controls.
  const tappable = (el) => {
    if (/^(BUTTON|INPUT|TEXTAREA|SELECT|A)$/.test(el.tagName) && el.type !== 'hidden') return !el.closest('taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core') ;
    if (/^TARO-(SWITCH|CHECKBOX|RADIO|BUTTON|PICKER)-CORE$/.test(el.tagName)) return true;
    // Taro's React wrappers keep the handlers of a component on the element as __events.
    const events = el.__events;
    if (events && Object.keys(events).some((k) => /click|tap|longpress/i.test(k) && events[k])) return true;
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps'));
    const props = key ? el[key] : null;
    return !!(props && (props.onClick || props.onTap || props.onLongPress));
  };
  for (const el of all) {
    if (!tappable(el) || !shown(el) || getComputedStyle(el).pointerEvents === 'none') continue;
    if (el.tagName === 'INPUT' && /^(file)$/.test(el.type)) continue;
    const r = el.getBoundingClientRect();
    // A control's own hit area may be widened by an enclosing label-like parent that is itself tappable.
    out.targets += 1;
    const w = Math.round(r.width * 10) / 10, h = Math.round(r.height * 10) / 10;
    const where = label(el);
    if (!out.smallestTarget || Math.min(w, h) < Math.min(out.smallestTarget.w, out.smallestTarget.h)) out.smallestTarget = { w, h, where };
    if (w + 0.5 < rules.minTargetPx || h + 0.5 < rules.minTargetPx)
      out.violations.push({ kind: 'target', where, text: short(el.innerText || el.value || ''), value: Math.min(w, h), min: rules.minTargetPx });
  }
  if (out.smallestFontPx === Infinity) out.smallestFontPx = 0;
  return out;
}`;

/** Measures the page being shown against the rules. */
export async function measure(page: Page, rules: Rules): Promise<Measurement> {
  return page.evaluate(`(${SCRIPT})(${JSON.stringify(rules)})`) as Promise<Measurement>;
}

/** A violation the test accepts, with the reason; `where` and `kind` must match, `text` when given. */
export interface Allowed {
  kind: Violation['kind'];
  where: RegExp;
  text?: RegExp;
  reason: string;
}

export const isAllowed = (v: Violation, allow: readonly Allowed[]): boolean =>
  allow.some((a) => a.kind === v.kind && a.where.test(v.where) && (!a.text || a.text.test(v.text)));

export const describe1 = (v: Violation): string => `${v.kind} ${v.where} «${v.text}» ${v.value} < ${v.min}`;
