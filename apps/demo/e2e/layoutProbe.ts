/**
 * What the layout check measures, run inside the page. Kept as plain JavaScript source rather than a function:
 * page.evaluate would send the transpiled function, and the test transform may add helpers (`__name`) the page
 * doesn't have.
 *
 * `scope` is 'page' (the document, dialogs left out) or 'dialog' (the open modal dialog only). Each finding
 * names the element (its tag, classes, parent and text) and the numbers that broke the rule.
 */
export interface Finding {
  what: string;
  element: string;
  numbers: string;
}

export const LAYOUT_PROBE = String.raw`(scope) => {
  const out = [];
  const W = window.innerWidth;
  const H = window.innerHeight;
  const r1 = (n) => Math.round(n * 10) / 10;
  const name = (el) => {
    if (!el || !el.tagName) return '?';
    const classes = [...el.classList].slice(0, 2).map((c) => '.' + c).join('');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes;
  };
  const describe = (el) => {
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    const parent = el.parentElement ? name(el.parentElement) + ' > ' : '';
    return parent + name(el) + (text ? ' "' + (text.length > 48 ? text.slice(0, 47) + '…' : text) + '"' : '');
  };
  const screenReaderOnly = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e.classList.contains('visually-hidden') || e.classList.contains('sk-visually-hidden')) return true;
      // Any other screen-reader-only box: clipped to (nearly) nothing.
      const r = e.getBoundingClientRect();
      if ((r.width <= 1 || r.height <= 1) && getComputedStyle(e).overflow !== 'visible') return true;
    }
    return false;
  };
  // Deliberate ellipsis: an element from el up to (and with) last that cuts its text with text-overflow.
  const ellipsized = (el, last) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.textOverflow === 'ellipsis' && style.overflowX !== 'visible') return true;
      if (e === last) break;
    }
    return false;
  };
  const root = scope === 'page' ? document.body : document.querySelector('dialog[open]');
  if (!root) return [{ what: 'no open dialog', element: 'dialog', numbers: '' }];

  if (scope === 'page') {
    const page = document.scrollingElement;
    if (page.scrollWidth > W + 1) {
      // Names the boxes that stick out: the deepest ones past the right edge (at most three).
      const past = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > W + 1);
      const deepest = past.filter((e) => !past.some((d) => d !== e && e.contains(d))).slice(0, 3);
      const culprits = deepest.map((e) => name(e) + ' to ' + r1(e.getBoundingClientRect().right) + ' px').join(', ');
      out.push({ what: 'page scrolls sideways', element: culprits || 'document', numbers: 'scrollWidth ' + page.scrollWidth + ' > innerWidth ' + W });
    }
  } else {
    const box = root.getBoundingClientRect();
    const off = (box.left + box.right) / 2 - W / 2;
    const where = 'left ' + r1(box.left) + ', right ' + r1(box.right) + ', top ' + r1(box.top) + ', bottom ' + r1(box.bottom) + ' in ' + W + '×' + H;
    if (Math.abs(off) > 3) out.push({ what: 'dialog not centred', element: describe(root), numbers: 'centre ' + r1(off) + ' px from the middle; ' + where });
    if (box.left < -0.5 || box.right > W + 0.5 || box.top < -0.5 || box.bottom > H + 0.5) {
      out.push({ what: 'dialog outside the viewport', element: describe(root), numbers: where });
    }
    if (root.scrollWidth > root.clientWidth + 1) {
      out.push({ what: 'dialog content clipped sideways', element: describe(root), numbers: 'scrollWidth ' + root.scrollWidth + ' > clientWidth ' + root.clientWidth });
    }
    if (root.scrollHeight > root.clientHeight + 1) {
      out.push({ what: 'dialog content clipped at the bottom', element: describe(root), numbers: 'scrollHeight ' + root.scrollHeight + ' > clientHeight ' + root.clientHeight });
    }
    // A modal dialog is in the top layer: its ancestors' overflow can't cut it, only the viewport can.
    const modal = root.matches(':modal');
    for (let a = root.parentElement; !modal && a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = a.getBoundingClientRect();
      if (box.left < clip.left - 1 || box.right > clip.right + 1 || box.top < clip.top - 1 || box.bottom > clip.bottom + 1) {
        out.push({ what: 'dialog inside an ancestor that clips it', element: name(a), numbers: 'overflow ' + style.overflowX + '/' + style.overflowY });
      }
    }
    // A dialog takes its look from its own styles, not from where it was opened (a right-aligned, no-wrap cell).
    const own = getComputedStyle(root);
    const startAligned = own.direction === 'rtl' ? ['start', 'right'] : ['start', 'left', '-webkit-auto'];
    if (!startAligned.includes(own.textAlign) || own.whiteSpace !== 'normal') {
      out.push({ what: 'dialog inherits the text layout of where it was opened', element: describe(root), numbers: 'text-align ' + own.textAlign + ', white-space ' + own.whiteSpace });
    }
  }

  const reported = new Set();
  const report = (key, finding) => {
    if (reported.has(key)) return;
    reported.add(key);
    out.push(finding);
  };
  for (const el of root.querySelectorAll('*')) {
    if (scope === 'page' && el.closest('dialog')) continue;
    if (el instanceof SVGElement || ['SCRIPT', 'STYLE', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || screenReaderOnly(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1 || getComputedStyle(el).visibility === 'hidden') continue;
    // Inline text lays out in its nearest block.
    let box = el;
    while (box.parentElement && ['inline', 'contents'].includes(getComputedStyle(box).display)) box = box.parentElement;
    if (box.scrollWidth > box.clientWidth + 1 && !ellipsized(el, box)) {
      report(box, { what: 'text overflows its box', element: describe(box), numbers: 'scrollWidth ' + box.scrollWidth + ' > clientWidth ' + box.clientWidth });
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    if (text.width < 1) continue;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible') continue;
      const clip = a.getBoundingClientRect();
      if ((text.right > clip.right + 1 || text.left < clip.left - 1) && !ellipsized(el, a)) {
        report(el, { what: 'text cut off by a scrolling or clipping ancestor', element: describe(el), numbers: 'text ' + r1(text.left) + '–' + r1(text.right) + ' px, ' + name(a) + ' (overflow-x ' + style.overflowX + ') shows ' + r1(clip.left) + '–' + r1(clip.right) });
        break;
      }
    }
    if (text.right > W + 1 || text.left < -1) {
      report(el, { what: 'text outside the viewport', element: describe(el), numbers: 'text ' + r1(text.left) + '–' + r1(text.right) + ' px, viewport 0–' + W });
    }
  }
  return out;
}`;
