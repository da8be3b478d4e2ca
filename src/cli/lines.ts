/** Reads input one line at a time from piped or interactive stdin (or a string, in tests). */
export class LineReader {
  private buffer = '';
  private done = false;
  private readonly iterator: AsyncIterator<string | Uint8Array> | undefined;
  private readonly decoder = new TextDecoder();

  constructor(input: AsyncIterable<string | Uint8Array> | string | undefined) {
    if (typeof input === 'string' || input === undefined) {
      this.buffer = input ?? '';
      this.done = true;
    } else {
      this.iterator = input[Symbol.asyncIterator]();
    }
  }

  /** Stops reading (releases stdin, so the process can exit while the user could still type). */
  async close(): Promise<void> {
    this.done = true;
    await this.iterator?.return?.();
  }

  /** The next line without its line ending, or null at end of input. */
  async next(): Promise<string | null> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.done || !this.iterator) {
        if (this.buffer === '') return null;
        const last = this.buffer.replace(/\r$/, '');
        this.buffer = '';
        return last;
      }
      const r = await this.iterator.next();
      if (r.done) this.done = true;
      else this.buffer += typeof r.value === 'string' ? r.value : this.decoder.decode(r.value, { stream: true });
    }
  }
}
