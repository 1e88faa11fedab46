import type { ReactNode, Ref } from 'react';

export interface CardHeaderProps {
  /** The id the card's `aria-labelledby` points at. */
  titleId: string;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Given when the view moves focus to the heading after an action, so it must be focusable. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Buttons shown beside the title. */
  children?: ReactNode;
}

/** A card's title, its one-line explanation and any actions beside them. */
export function CardHeader({ titleId, title, subtitle, headingRef, children }: CardHeaderProps) {
  return (
    <header className="sk-card__header">
      <div>
        <h2 id={titleId} ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="sk-card__title">
          {title}
        </h2>
        {subtitle !== undefined && <p className="sk-card__subtitle">{subtitle}</p>}
      </div>
      {children}
    </header>
  );
}
