// Notices catalog changes without a reload: polls the live catalog version that /health/ready reports; each poll
// also fires 'turnpike:poll' for views of node state that change without a catalog change.
const INTERVAL_MS = 2000;

export class Live {
  constructor(onChange) {
    this.onChange = onChange;
    this.version = null;
    this.timer = null;
  }

  start() {
    if (!this.timer) {
      this.poll();
      this.timer = setInterval(() => this.poll(), INTERVAL_MS);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.version = null;
  }

  /** Checks the version; a new one is reported to onChange (first: the first one seen since start). */
  async poll() {
    const version = await this.current();
    window.dispatchEvent(new Event('turnpike:poll')); // node state (instance health) is shown fresh on each poll
    if (version !== null && version !== this.version) {
      const first = this.version === null;
      this.version = version;
      this.onChange(version, first);
    }
  }

  /** Takes the current version as seen, reporting it as a first one (after a change this page made itself). */
  async sync() {
    const version = await this.current();
    if (version !== null && version !== this.version) {
      this.version = version;
      this.onChange(version, true);
    }
  }

  async current() {
    try {
      const response = await fetch('/health/ready', {cache: 'no-store', credentials: 'omit'});
      const body = await response.json();
      return typeof body.catalogVersion === 'number' ? body.catalogVersion : null;
    } catch (e) {
      return null; // the node is unreachable for a moment: keep showing what is on screen, try again later
    }
  }
}
