import { css } from 'lit';

/**
 * Design tokens. Every widget reads `--portal-*` custom properties with these fallbacks,
 * so it looks right with no stylesheet; a practice themes it by setting them on any
 * ancestor (or `:root`). The README's token table lists the same names (a test checks).
 */
export const tokens = css`
  :host {
    --_primary: var(--portal-color-primary, #1d5f8a);
    --_on-primary: var(--portal-color-on-primary, #ffffff);
    --_text: var(--portal-color-text, #1f2933);
    --_text-muted: var(--portal-color-text-muted, #52606d);
    --_surface: var(--portal-color-surface, #ffffff);
    --_surface-raised: var(--portal-color-surface-raised, #f5f7fa);
    --_border: var(--portal-color-border, #7b8794);
    --_danger: var(--portal-color-danger, #b42318);
    --_success: var(--portal-color-success, #1e7a46);
    --_focus: var(--portal-color-focus, #1d5f8a);
    --_radius: var(--portal-radius, 0.5rem);
    --_font-family: var(--portal-font-family, inherit);
    --_font-size: var(--portal-font-size, 1rem);
    --_space: var(--portal-space, 1rem);
  }
`;

/** The public token names, in one list (docs and the token test read it). */
export const TOKEN_NAMES = [
  '--portal-color-primary',
  '--portal-color-on-primary',
  '--portal-color-text',
  '--portal-color-text-muted',
  '--portal-color-surface',
  '--portal-color-surface-raised',
  '--portal-color-border',
  '--portal-color-danger',
  '--portal-color-success',
  '--portal-color-focus',
  '--portal-radius',
  '--portal-font-family',
  '--portal-font-size',
  '--portal-space',
] as const;
