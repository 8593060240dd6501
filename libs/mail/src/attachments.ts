import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { MailAttachment } from './outbox-message.entity';

/** What nodemailer is given for an attachment: images drawn now, text as it is. */
export interface SendableAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
  cid?: string;
}

/** Pixels per QR module, and the quiet zone around the code in modules. */
const SCALE = 6;
const MARGIN = 2;

/**
 * The text as a QR code PNG (black on white, about 3 kB), drawn synchronously: `qrcode`'s own
 * `toBuffer` packs the PNG through a stream whose many small async steps queued behind everything
 * else on a busy worker (about a second per code under load, against a few milliseconds here).
 */
export function qrCodePng(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * MARGIN) * SCALE;
  const png = new PNG({ width: side, height: side });
  png.data.fill(255); // RGBA, every pixel white and opaque
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) {
        continue;
      }
      for (let y = 0; y < SCALE; y += 1) {
        const start = (((row + MARGIN) * SCALE + y) * side + (col + MARGIN) * SCALE) * 4;
        for (let x = start; x < start + SCALE * 4; x += 4) {
          png.data.fill(0, x, x + 3); // black, still opaque
        }
      }
    }
  }
  // Written as 8-bit greyscale: the smallest PNG for a black and white image.
  return PNG.sync.write(png, { colorType: 0 });
}

/**
 * The outbox's attachments ready to send: a `drawAs: 'qr-code'` one becomes its PNG, drawn here in
 * the worker rather than by the request that queued the mail.
 */
export function sendableAttachments(attachments: MailAttachment[]): SendableAttachment[] {
  return attachments.map(({ drawAs, ...attachment }) =>
    drawAs === 'qr-code' ? { ...attachment, content: qrCodePng(attachment.content) } : attachment,
  );
}
