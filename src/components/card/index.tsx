import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { asButton } from '../../utils/a11y';

interface CardProps {
  className?: string;
  /** Tappable: the card greys while pressed. */
  onClick?: () => void;
  testId?: string;
  /** The id of what the card shows (`data-case-id`), for tests and analytics. */
  caseId?: string;
}

/**
 * A card: the surface, radius, spacing and shadow of `.card` (app.scss, from the design tokens).
 * Lists of cases and every panel of a page are cards.
 */
export function Card({ className, onClick, testId, caseId, children }: PropsWithChildren<CardProps>) {
  return (
    <View
      className={`card ${className ?? ''}`}
      hoverClass={onClick ? 'card--pressed' : 'none'}
      onClick={onClick}
      data-testid={testId}
      data-case-id={caseId}
      {...(onClick ? asButton() : {})}
    >
      {children}
    </View>
  );
}
