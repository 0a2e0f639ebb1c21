/**
 * Base for Quarry's custom elements: guards the connected/disconnected
 * lifecycle (a move in the DOM is a disconnect + connect; resources are only
 * released when the element stays out of the document), owns the one
 * announcer and dispatches composed events. SSR-safe: importing this module
 * where HTMLElement doesn't exist (Node) doesn't throw.
 */
import { Announcer } from './announcer.ts';

const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

export abstract class QuarryBaseElement extends Base {
  readonly announcer = new Announcer();
  #connected = false;
  #disposeTimer: ReturnType<typeof setTimeout> | undefined;

  /** Each time the element enters the document. */
  protected abstract onConnect(): void;
  /** Each time it leaves (remove global listeners here). */
  protected abstract onDisconnect(): void;
  /** When it left and did not come back within a task (release the client here). */
  protected abstract onDispose(): void;

  connectedCallback(): void {
    clearTimeout(this.#disposeTimer);
    if (this.#connected) return;
    this.#connected = true;
    this.onConnect();
  }

  disconnectedCallback(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.onDisconnect();
    this.#disposeTimer = setTimeout(() => {
      if (!this.isConnected) this.onDispose();
    }, 0);
  }

  /** Dispatches a bubbling, composed CustomEvent; returns false when a listener called preventDefault. */
  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
