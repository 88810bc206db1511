// A terminal made of two event emitters, for running runConsole in-process:
// stdout records what Ink writes, stdin delivers typed text like a raw TTY.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  written = '';
  write = (s: string) => {
    this.written += s;
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY: boolean;
  rawMode = false;
  private data: string | null = null;
  constructor(tty = true) {
    super();
    this.isTTY = tty;
  }
  setRawMode(on: boolean) { this.rawMode = on; }
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  type(s: string) {
    this.data = s;
    this.emit('readable');
  }
}
