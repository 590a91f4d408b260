import type { ReactiveControllerHost } from 'lit';

/**
 * What the controllers and the headless flows need of their element: to ask for a render and
 * to fire events. An element is one; a unit test passes a stand-in, with no DOM to render.
 */
export type PortalHost = ReactiveControllerHost & EventTarget;
