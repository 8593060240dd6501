import QRCode from 'qrcode';
import { MailAttachment } from './outbox-message.entity';

/** What nodemailer is given for an attachment: images drawn now, text as it is. */
export interface SendableAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
  cid?: string;
}

/**
 * The outbox's attachments ready to send: a `drawAs: 'qr-code'` one becomes its PNG (about 3 kB),
 * drawn here in the worker rather than by the request that queued the mail.
 */
export async function sendableAttachments(attachments: MailAttachment[]): Promise<SendableAttachment[]> {
  return Promise.all(
    attachments.map(async ({ drawAs, ...attachment }) =>
      drawAs === 'qr-code'
        ? {
            ...attachment,
            content: await QRCode.toBuffer(attachment.content, {
              type: 'png',
              errorCorrectionLevel: 'M',
              margin: 2,
              width: 240,
            }),
          }
        : attachment,
    ),
  );
}
