/**
 * The lexcite CLI run in-process, with its output captured: what a user would see in the terminal and the exit code.
 */
import { Readable, Writable } from 'stream';
import { run } from '../../server/src/cli/main';

export class Capture extends Writable {
  text = '';
  _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export async function lexcite(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await run(args, out, err);
  return { code, out: out.text, err: err.text };
}

/** The CLI with `bytes` on its standard input (for `check -`). */
export async function lexciteWithInput(bytes: Buffer, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await run(args, out, err, Readable.from([bytes]));
  return { code, out: out.text, err: err.text };
}
