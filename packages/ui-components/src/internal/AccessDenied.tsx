import type { ReactNode } from 'react';

/** What a view shows instead of its data when access control refuses the viewer. */
export function AccessDenied({ title, text }: { title: ReactNode; text?: ReactNode }) {
  return (
    <div className="sk-state" role="status">
      <p className="sk-state__title">{title}</p>
      {text !== undefined && <p className="sk-state__text">{text}</p>}
    </div>
  );
}
