import { notifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setCsrfToken } from '../api/http.js';

// jsdom lacks the layout APIs Mantine probes; these inert stand-ins are what a headless page reports.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class InertResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = InertResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => undefined;
// Nor does it have a FontFaceSet, which Mantine's auto-growing textareas listen to.
Object.defineProperty(document, 'fonts', { configurable: true, value: new EventTarget() });

afterEach(() => {
  // Vitest runs without globals, so testing-library cannot register its own cleanup.
  cleanup();
  // The notifications store is module-global; one test's toasts must not leak into the next.
  notifications.clean();
  // Like the notifications, the CSRF token is module state that one test must not hand the next.
  setCsrfToken(null);
});
