import type { DeviceType, SessionKind } from '@sessionkit/core/browser';

const PATHS: Record<'desktop' | 'mobile' | 'tablet' | 'api', string> = {
  desktop:
    'M3 5.5A1.5 1.5 0 0 1 4.5 4h15A1.5 1.5 0 0 1 21 5.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 14.5v-9ZM8 20h8M12 16v4',
  mobile:
    'M7.5 3h9A1.5 1.5 0 0 1 18 4.5v15a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 6 19.5v-15A1.5 1.5 0 0 1 7.5 3ZM11 18h2',
  tablet:
    'M5.5 3h13A1.5 1.5 0 0 1 20 4.5v15a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 19.5v-15A1.5 1.5 0 0 1 5.5 3ZM11 18h2',
  api: 'M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14',
};

/** A line icon for the kind of device, decorative: the label next to it says the same in words. */
export function DeviceIcon({ type, kind }: { type: DeviceType; kind: SessionKind }) {
  const shape =
    kind === 'api' ? 'api' : type === 'mobile' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop';
  return (
    <span className="sk-device-icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d={PATHS[shape]} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}
