// Buffered writes to stdout that respect back-pressure (memory stays flat when the reader is slow) and end quietly
// when the reader goes away (`| head`): EPIPE exits with status 0 and no message.
import { once } from 'node:events';
import { cleanLine } from './terminal';

const FLUSH_AT = 64 * 1024;

export class Output {
  private parts: string[] = [];
  private size = 0;

  /** Without a stream (null), lines are only gathered, for take(): a worker thread's output goes to the main thread. */
  constructor(private readonly stream: NodeJS.WriteStream | null = process.stdout) {
    stream?.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      process.stderr.write(`mail-error-codes: cannot write output: ${cleanLine(error.message)}\n`);
      process.exit(2);
    });
  }

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
  }

  /** Lines already joined, each with its line break (what another thread formatted). */
  lines(block: string): void {
    if (!block) return;
    this.parts.push(block);
    this.size += block.length;
  }

  /** Writes what is buffered once there is enough of it, and waits while the reader is behind. */
  async drain(force = false): Promise<void> {
    if (!this.stream || !this.size || (!force && this.size < FLUSH_AT)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** What is gathered, as one text (and forgets it). */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }

  flush(): Promise<void> {
    return this.drain(true);
  }
}
