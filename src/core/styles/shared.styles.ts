import { css } from 'lit';
import { tokens } from './tokens.styles.js';

/** What every widget shares: box model, host font, visible focus, state messages, buttons. */
export const sharedStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      color: var(--_text);
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .state {
      margin: 0;
      padding-block: calc(var(--_space) * 0.5);
    }
    .state[data-kind='error'] {
      color: var(--_danger);
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
      padding-block: 0.5rem;
      padding-inline: 1rem;
      border: 2px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_primary);
      color: var(--_on-primary);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .button[data-variant='secondary'] {
      background: transparent;
      color: var(--_primary);
    }
    .button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        transition-duration: 0.01ms !important;
      }
    }
  `,
];
