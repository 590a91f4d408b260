import { css } from 'lit';

/** Step headings and plain paragraphs, as every widget with steps shows them. */
export const headingStyles = css`
  p {
    margin: 0;
  }
  .heading {
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
  }
  /* Headings take focus only so screen readers start reading at the new step; they are
     not controls, so they get no focus ring. */
  .heading:focus {
    outline: none;
  }
`;
