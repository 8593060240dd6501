import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText, formatDate } from '../api';
import { graphql } from '../gql';
import { ScreenHeading } from '../Heading';

const PetitionBriefingDocument = graphql(`
  query PetitionBriefing($petitionId: ID!) {
    petitionBriefing(petitionId: $petitionId) {
      total
      petition {
        id
        title
        summary
      }
      rows {
        target {
          id
          name
          kind
          deliveryStatus
        }
        area
        signers
        lastSentAt
      }
    }
  }
`);

const SendPetitionBriefingDocument = graphql(`
  mutation SendPetitionBriefing($petitionId: ID!, $message: String!, $resend: Boolean) {
    sendPetitionBriefing(petitionId: $petitionId, message: $message, resend: $resend) {
      sent
      alreadySent
    }
  }
`);

const KIND: Record<string, string> = { MSP_CONSTITUENCY: 'Constituency MSP', MSP_REGIONAL: 'Regional MSP' };

/**
 * A petition's briefing for MSPs: each MSP's confirmed signers in their constituency or region, the
 * CSV, a covering email to each (once, unless re-sent on purpose), and one printed sheet per MSP.
 */
export function PetitionBriefing({ params }: { params: { id: string } }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PetitionBriefingDocument,
    variables: { petitionId: params.id },
  });
  const [sending, send] = useMutation(SendPetitionBriefingDocument);
  const [message, setMessage] = useState('');
  const [resend, setResend] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const briefing = data?.petitionBriefing;
  const title = briefing ? `Briefing for MSPs: ${briefing.petition.title}` : 'Briefing for MSPs';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    const res = await send({ petitionId: params.id, message, resend });
    if (res.data) {
      const { sent, alreadySent } = res.data.sendPetitionBriefing;
      setResult(
        `Sent to ${sent} MSP${sent === 1 ? '' : 's'}.` +
          (alreadySent > 0 ? ` ${alreadySent} already had this briefing and were not sent it again.` : ''),
      );
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      {fetching && !briefing ? <p>Loading…</p> : null}
      {error ? <p role="alert">{errorText(error)}</p> : null}
      {briefing ? (
        <>
          <div className="no-print">
            <p>
              {briefing.total} confirmed signature{briefing.total === 1 ? '' : 's'} in all. Each MSP below is
              shown the confirmed signers in their constituency (constituency MSPs) or their region (regional
              MSPs).
            </p>
            <p className="actions">
              <button type="button" className="button button--secondary" onClick={() => window.print()}>
                Print one sheet per MSP
              </button>{' '}
              <a
                className="button button--secondary"
                href={`/petitions/${encodeURIComponent(params.id)}/briefing.csv`}
                download
              >
                Download CSV
              </a>
            </p>
            <form onSubmit={(e) => void submit(e)} aria-labelledby="send-heading">
              <h2 id="send-heading">Email each MSP their figures</h2>
              <div className="field">
                <label htmlFor="briefing-message">Message to go with the figures</label>
                <textarea
                  id="briefing-message"
                  rows={5}
                  maxLength={5000}
                  required
                  value={message}
                  onChange={(e) => setMessage(e.target.value)}
                />
              </div>
              <div className="field">
                <input
                  id="briefing-resend"
                  type="checkbox"
                  checked={resend}
                  onChange={(e) => setResend(e.target.checked)}
                />{' '}
                <label htmlFor="briefing-resend">Send again to MSPs who already had this briefing</label>
              </div>
              <button type="submit" className="button" disabled={sending.fetching}>
                Send the briefing
              </button>
              {sending.error ? <p role="alert">{errorText(sending.error)}</p> : null}
              {result ? <p role="status">{result}</p> : null}
            </form>
            <h2>MSPs</h2>
          </div>
          <div className="briefing-sheets">
            {briefing.rows.map((row) => (
              <section key={row.target.id} className="briefing-sheet card" aria-label={row.target.name}>
                <h3>{row.target.name}</h3>
                <p>
                  {KIND[row.target.kind] ?? row.target.kind}
                  {row.area ? `, ${row.area}` : ''}
                </p>
                <p className="briefing-sheet__figure">
                  <strong>{row.signers}</strong> {row.signers === 1 ? 'person' : 'people'}
                  {row.area ? ` in ${row.area}` : ''} signed “{briefing.petition.title}”
                </p>
                <p>{briefing.total} people have signed it in all.</p>
                <p className="print-only">{briefing.petition.summary}</p>
                <p className="no-print hint">
                  {row.target.deliveryStatus !== 'OK'
                    ? `Not emailed: the address is marked ${row.target.deliveryStatus.toLowerCase()}.`
                    : row.lastSentAt
                      ? `Briefing emailed ${formatDate(row.lastSentAt)}.`
                      : 'Not emailed yet.'}
                </p>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
