import type { Response } from 'express';

/**
 * Streams a file download: headers first, then `write` fills the body; the caller's checks must
 * come before. Once headers are out a failure can no longer be a status, so the connection is cut
 * rather than letting a truncated file look complete.
 */
export async function sendDownload(
  res: Response,
  file: { contentType: string; filename: string },
  write: (out: Response) => Promise<unknown>,
): Promise<void> {
  res.status(200).set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
  });
  try {
    await write(res);
    res.end();
  } catch {
    res.destroy();
  }
}
