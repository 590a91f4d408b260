import { css } from 'lit';

/** Styles of upload-views.ts (drop zone, rows, progress), for any widget that uses them. */
export const uploadStyles = css`
  .hint,
  .meta {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  .drop-zone {
    display: grid;
    justify-items: start;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_space);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .drop-zone p {
    margin: 0;
  }
  /* Dragging over is told by a solid, thicker border, not by colour alone. */
  .drop-zone[data-active] {
    border: 4px solid var(--_primary);
    padding: calc(var(--_space) - 2px);
  }
  /* Touch screens have nothing to drag from: the button alone. */
  @media (hover: none) {
    .drag {
      display: none;
    }
  }
  .rows {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: calc(var(--_space) * 0.75) 0 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: grid;
    gap: 0.25rem;
    padding-block-end: calc(var(--_space) * 0.5);
    border-block-end: 1px solid var(--_border);
  }
  .name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  progress {
    inline-size: 100%;
    block-size: 0.75rem;
  }
  .row[data-status='failed'] .status,
  .row[data-status='refused'] .status {
    color: var(--_danger);
  }
  .row[data-status='done'] .status {
    color: var(--_success);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
`;
