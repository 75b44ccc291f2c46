// mbox files (RFC 4155): messages one after the other, each starting with a "From " line after an empty line.
// Line by line, so that the command line can stream a file of any size and the editor can split one it has read.

export interface MboxMessage {
  /** 1-based position of the message in the file. */
  index: number;
  /** 1-based line of the message's first line (the one after its "From " line). */
  line: number;
  text: string;
  /** More than the size limit: the text is left out. */
  tooBig: boolean;
}

export function isMbox(start: string): boolean {
  return /^From \S/.test(start);
}

export class MboxSplitter {
  private lines: string[] = [];
  private size = 0;
  private index = 0;
  private lineNumber = 0;
  private firstLine = 0;
  private tooBig = false;
  private previousEmpty = true;

  constructor(private readonly maxBytes = Infinity) {}

  /** Feeds one line, its line break included; returns the message it ends, if it starts the next one. */
  push(line: string): MboxMessage | undefined {
    this.lineNumber++;
    let done: MboxMessage | undefined;
    if (this.previousEmpty && line.startsWith('From ')) {
      done = this.finish();
      this.index++;
      this.firstLine = this.lineNumber + 1;
    } else if (this.index) {
      this.size += line.length;
      if (this.size > this.maxBytes) this.tooBig = true;
      else this.lines.push(line);
    }
    this.previousEmpty = line === '\n' || line === '\r\n';
    return done;
  }

  end(): MboxMessage | undefined {
    return this.finish();
  }

  private finish(): MboxMessage | undefined {
    if (!this.index) return undefined;
    const message = { index: this.index, line: this.firstLine, text: this.tooBig ? '' : this.lines.join(''), tooBig: this.tooBig };
    this.lines = [];
    this.size = 0;
    this.tooBig = false;
    return message;
  }
}

/** The messages of an mbox file read whole. */
export function splitMbox(text: string, maxBytes = Infinity): MboxMessage[] {
  const splitter = new MboxSplitter(maxBytes);
  const out: MboxMessage[] = [];
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    nl = nl < 0 ? text.length : nl + 1;
    const done = splitter.push(text.slice(pos, nl));
    if (done) out.push(done);
    pos = nl;
  }
  const last = splitter.end();
  if (last) out.push(last);
  return out;
}
