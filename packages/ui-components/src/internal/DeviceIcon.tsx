import type { DeviceType, SessionKind } from '@sessionkit/core/browser';

/**
 * A line icon for the kind of device, decorative: the label next to it says the same in words. The shape is a CSS
 * mask (theme.css, `sk-device-icon--*`), one empty element instead of an inline SVG a row.
 */
export function DeviceIcon({ type, kind }: { type: DeviceType; kind: SessionKind }) {
  return <span className={`sk-device-icon sk-device-icon--${deviceShape(type, kind)}`} aria-hidden="true" />;
}

/** Which of theme.css's `sk-device-icon--*` shapes draws a device. */
export function deviceShape(type: DeviceType, kind: SessionKind): 'api' | 'mobile' | 'tablet' | 'desktop' {
  return kind === 'api' ? 'api' : type === 'mobile' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop';
}
