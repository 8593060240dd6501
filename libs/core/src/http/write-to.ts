import { once } from 'node:events';
import { Writable } from 'node:stream';

/**
 * The last stage of a stream pipeline that writes into `out` without ending it (the caller ends it
 * after, say, writing an audit record), honouring back-pressure, and stopping if the client goes
 * away so the source (a database cursor) is released.
 */
export function writeTo(out: Writable): (chunks: AsyncIterable<Buffer | string>) => Promise<void> {
  return async (chunks) => {
    for await (const chunk of chunks) {
      if (out.destroyed) {
        throw new Error('the client went away');
      }
      if (!out.write(chunk)) {
        await Promise.race([
          once(out, 'drain'),
          once(out, 'close').then(() => {
            throw new Error('the client went away');
          }),
        ]);
      }
    }
  };
}
