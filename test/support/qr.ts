import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ReceivedMail } from './mail-sink';

/** The link the check-in QR code in an RSVP email holds, read from the PNG as a phone's scanner would. */
export function qrLinkFrom(mail: ReceivedMail): string {
  const image = mail.attachments.find((a) => a.cid === 'check-in-code');
  if (!image) {
    throw new Error('No check-in code in this email');
  }
  const png = PNG.sync.read(image.raw);
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) {
    throw new Error('The check-in code could not be read');
  }
  return found.data;
}
