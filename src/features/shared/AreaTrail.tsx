/**
 * The way back up through the levels (issue 16 part 2): 某某省 › 某某市 › 某某县, the last one the
 * area shown, each one before it a step back up. The assessment's table and the map both drill
 * down one level at a time (src/domain/areas.ts), and this is how a thumb goes back: every step is
 * a real link or button of at least 44 px, and the row wraps on a 360 px screen rather than
 * scrolling sideways.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import './areaTrail.css';

export interface AreaTrailProps {
  /** The codes from the widest shown down to the current area (areaTrail in domain/areas.ts). */
  codes: readonly string[];
  nameOf: (code: string) => string;
  /** A step as a link (the assessment: its address keeps the area)… */
  hrefOf?: (code: string) => string;
  /** …or as a button (the map: the area choice is screen state). */
  onPick?: (code: string) => void;
  testId?: string;
}

export function AreaTrail({
  codes,
  nameOf,
  hrefOf,
  onPick,
  testId = 'area-trail',
}: AreaTrailProps) {
  const t = useT();
  if (codes.length < 2) return null;
  const last = codes.length - 1;
  return (
    <nav aria-label={t('drill.trail')} className="area-trail" data-testid={testId}>
      <ol className="area-trail__list">
        {codes.map((code, i) => {
          const name = nameOf(code);
          let step: ReactNode;
          if (i === last) {
            step = (
              <span aria-current="page" className="area-trail__here">
                {name}
              </span>
            );
          } else if (hrefOf) {
            step = (
              <Link href={hrefOf(code)} className="link-button area-trail__step">
                {name}
              </Link>
            );
          } else {
            step = (
              <button
                type="button"
                className="link-button area-trail__step"
                onClick={() => onPick?.(code)}
              >
                {name}
              </button>
            );
          }
          return (
            <li key={code} className="area-trail__item">
              {step}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
