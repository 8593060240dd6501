import type { Target } from '@app/targets';
import {
  Checkbox,
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  renderPage,
  ShareLinks,
  TextArea,
  TextField,
} from '@app/web';
import type { LetterCampaign, Targeting } from '../letter-campaign.entity';
import type { LetterStatus } from '../letter.entity';
import type { RenderedLetter } from '../letters.service';
import { NEAR_COPY_NUDGE } from './advocacy.views';

/** The fields of the letter form, in the order the error summary lists them. */
export const LETTER_FIELDS = ['postcode', 'subject', 'body', 'fullName', 'email', 'emailOptIn'] as const;

/** Where the campaign's forms go: the full page, or the embed (which stays in its frame). */
export const writePath = (ctx: PageContext, slug: string): string =>
  `${ctx.embed ? '/embed' : ''}/write/${encodeURIComponent(slug)}`;

const MSP_KINDS: Record<Targeting, string> = {
  MY_MSPS: 'MSP_CONSTITUENCY,MSP_REGIONAL',
  MY_CONSTITUENCY_MSP: 'MSP_CONSTITUENCY',
  MY_REGIONAL_MSPS: 'MSP_REGIONAL',
  SELECTED_TARGETS: '',
};

/** Where the recipients of a postcode are: the constituency and region, where known. */
export interface Place {
  postcode: string;
  constituency?: string;
  region?: string;
}

export interface CampaignPageView {
  campaign: LetterCampaign;
  branchName?: string;
  /** The fixed recipients of a SELECTED_TARGETS campaign. */
  fixedTargets: Target[];
  /** 'postcode': the GET form for the postcode; 'letter': the letter form (POST). */
  step: 'postcode' | 'letter';
  /** The recipients for the postcode, once found. */
  recipients?: { place: Place; targets: Target[] };
  /** After "Preview": each recipient's letter as written, and how much of it is the writer's own. */
  preview?: {
    letters: RenderedLetter[];
    share: number;
    unchanged: boolean;
    /** How much it reads like letters others have already sent to the same people (0–1). */
    nearCopy?: number;
    /** Sending it now puts it in the recipients' daily digest (a DIGEST campaign, a near-copy). */
    digest?: boolean;
  };
  values: FormValues;
  errors: FormErrors;
  optIn: boolean;
}

const placeOf = (letter: RenderedLetter | undefined, postcode: string): Place => ({
  postcode,
  constituency: letter?.values['constituency.name'],
  region: letter?.values['region.name'],
});

/** The recipients and place of rendered letters. */
export const recipientsOf = (
  letters: RenderedLetter[],
  postcode: string,
): CampaignPageView['recipients'] => ({
  place: placeOf(letters[0], postcode),
  targets: letters.map((l) => l.target),
});

export function letterCampaignListPage(ctx: PageContext, campaigns: LetterCampaign[]): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.letters.listTitle, description: m.letters.listLead, path: '/write' }}>
      <h1>{m.letters.listTitle}</h1>
      <p class="lead">{m.letters.listLead}</p>
      {campaigns.length === 0 ? <p>{m.letters.none}</p> : null}
      <ul class="cards">
        {campaigns.map((campaign) => (
          <li class="card" key={campaign.id}>
            <h2>
              <a href={`/write/${encodeURIComponent(campaign.slug)}`}>{campaign.title}</a>
            </h2>
            <p class="muted">{m.letters.to(m.letters.recipientsOf[campaign.targeting])}</p>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

/** How a recipient is described: their seat for an MSP, otherwise their title and organisation. */
function roleOf(ctx: PageContext, target: Target, place?: Place): string {
  const { m } = ctx;
  if (target.kind === 'MSP_CONSTITUENCY') {
    return place?.constituency
      ? m.letters.constituencyMsp(place.constituency)
      : m.letters.constituencyMspShort;
  }
  if (target.kind === 'MSP_REGIONAL') {
    return place?.region ? m.letters.regionalMsp(place.region) : m.letters.regionalMspShort;
  }
  return [target.title, target.organisation].filter(Boolean).join(', ');
}

export function RecipientList({
  ctx,
  targets,
  place,
}: {
  ctx: PageContext;
  targets: Target[];
  place?: Place;
}) {
  return (
    <ul class="recipients">
      {targets.map((target) => (
        <li key={target.id}>
          <span class="recipients__name">{target.name}</span>
          {target.party ? <span> {ctx.m.letters.party(target.party)}</span> : null}
          <span class="recipients__role">{roleOf(ctx, target, place)}</span>
        </li>
      ))}
    </ul>
  );
}

export function letterCampaignPage(ctx: PageContext, view: CampaignPageView, consentText: string): string {
  const { m } = ctx;
  const { campaign } = view;
  const who = m.letters.recipientsOf[campaign.targeting];
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: campaign.title,
        hasErrors: Object.keys(view.errors).length > 0,
        description: m.letters.description(who),
        path: `/write/${encodeURIComponent(campaign.slug)}`,
        branchName: view.branchName,
      }}
    >
      <ErrorSummary ctx={ctx} errors={view.errors} order={[...LETTER_FIELDS]} />
      <h1>{campaign.title}</h1>
      <p class="lead">{m.letters.description(who)}</p>
      {campaign.status !== 'OPEN' ? (
        <p class="notice">{m.letters.closed}</p>
      ) : (
        <>
          {view.fixedTargets.length > 0 && !view.recipients ? (
            <section aria-labelledby="fixed-title">
              <h2 id="fixed-title">{m.letters.fixedRecipients}</h2>
              <RecipientList ctx={ctx} targets={view.fixedTargets} />
            </section>
          ) : null}
          {view.step === 'postcode' ? (
            <PostcodeForm ctx={ctx} view={view} />
          ) : (
            <LetterForm ctx={ctx} view={view} consentText={consentText} />
          )}
        </>
      )}
    </Layout>,
  );
}

/** Step one: a GET form (a read) for the postcode; where JavaScript runs, the MSPs show as it is typed. */
function PostcodeForm({ ctx, view }: { ctx: PageContext; view: CampaignPageView }) {
  const { m } = ctx;
  const fixed = view.campaign.targeting === 'SELECTED_TARGETS';
  return (
    <section aria-labelledby="postcode-title">
      <h2 id="postcode-title">{fixed ? m.letters.stepPostcodeFixed : m.letters.stepPostcode}</h2>
      <form method="get" action={writePath(ctx, view.campaign.slug)} noValidate>
        <PostcodeField
          ctx={ctx}
          view={view}
          hint={fixed ? m.letters.postcodeHintFixed : m.letters.postcodeHint}
        />
        <button class="button" type="submit">
          {fixed ? m.letters.continueButton : m.letters.findButton}
        </button>
      </form>
    </section>
  );
}

function PostcodeField({ ctx, view, hint }: { ctx: PageContext; view: CampaignPageView; hint: string }) {
  const { m } = ctx;
  const kinds = MSP_KINDS[view.campaign.targeting];
  return (
    <>
      <TextField
        ctx={ctx}
        name="postcode"
        label={m.letters.postcode}
        hint={hint}
        value={view.values.postcode}
        error={view.errors.postcode}
        autocomplete="postal-code"
        width="short"
        maxLength={10}
        spellcheck={false}
        dataAttrs={kinds ? { 'data-representatives': kinds } : undefined}
      />
      {kinds ? (
        <div
          class="lookup"
          data-lookup-for="f-postcode"
          data-msg-looking={m.letters.lookingUp}
          data-msg-found={m.letters.lookupFound('{postcode}')}
          data-msg-failed={m.letters.lookupFailed}
          data-msg-constituency={m.letters.constituencyMspShort}
          data-msg-regional={m.letters.regionalMspShort}
        >
          <p class="lookup__status" aria-live="polite" data-lookup-status></p>
          <ul class="recipients" data-lookup-list hidden></ul>
        </div>
      ) : null}
    </>
  );
}

/** Step two: the recipients, then the letter form (POST) with Preview and Send. */
function LetterForm({
  ctx,
  view,
  consentText,
}: {
  ctx: PageContext;
  view: CampaignPageView;
  consentText: string;
}) {
  const { m } = ctx;
  const { campaign, values, errors } = view;
  const fixed = campaign.targeting === 'SELECTED_TARGETS';
  const recipients = view.recipients;
  return (
    <>
      {recipients ? (
        <section aria-labelledby="recipients-title">
          <h2 id="recipients-title">
            {fixed
              ? m.letters.yourFixedRecipients(recipients.targets.length)
              : m.letters.yourRecipients(recipients.targets.length)}
          </h2>
          {recipients.place.constituency && recipients.place.region ? (
            <p>
              {m.letters.placeFor(
                recipients.place.postcode,
                recipients.place.constituency,
                recipients.place.region,
              )}
            </p>
          ) : null}
          <RecipientList ctx={ctx} targets={recipients.targets} place={recipients.place} />
        </section>
      ) : null}
      <form method="post" action={writePath(ctx, campaign.slug)} noValidate>
        {errors.form ? (
          <p class="field-error" id="f-form">
            {errors.form}
          </p>
        ) : null}
        <PostcodeField
          ctx={ctx}
          view={view}
          hint={fixed ? m.letters.postcodeHintFixed : m.letters.changePostcodeHint}
        />
        <h2>{m.letters.yourLetter}</h2>
        <p>{m.letters.letterIntro}</p>
        {campaign.requirePersonalisation ? <p class="notice">{m.letters.personaliseRequired}</p> : null}
        <p class="hint">{m.letters.placeholdersHint}</p>
        <TextField
          ctx={ctx}
          name="subject"
          label={m.letters.subject}
          value={values.subject}
          error={errors.subject}
          maxLength={300}
        />
        <TextArea
          ctx={ctx}
          name="body"
          label={m.letters.body}
          value={values.body}
          error={errors.body}
          rows={18}
          maxLength={20_000}
          dataAttrs={{
            'data-personal-template': campaign.bodyTemplate,
            'data-msg-unchanged': m.letters.meterUnchanged,
            'data-msg-approx': m.letters.meterApprox('{percent}'),
          }}
        />
        <h2>{m.letters.aboutYou}</h2>
        <TextField
          ctx={ctx}
          name="fullName"
          label={m.letters.fullName}
          hint={m.letters.fullNameHint}
          value={values.fullName}
          error={errors.fullName}
          autocomplete="name"
          maxLength={200}
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={m.letters.email}
          hint={m.letters.emailHint}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          maxLength={254}
          spellcheck={false}
        />
        <fieldset>
          <legend>{m.letters.optInLegend}</legend>
          <Checkbox name="emailOptIn" label={consentText} checked={view.optIn} error={errors.emailOptIn} />
        </fieldset>
        {view.preview ? (
          <Preview
            ctx={ctx}
            preview={view.preview}
            requirePersonalisation={campaign.requirePersonalisation}
          />
        ) : null}
        <div class="button-group">
          <button class="button button--secondary" type="submit" name="action" value="preview">
            {m.letters.previewButton}
          </button>
          <button class="button" type="submit" name="action" value="send">
            {m.letters.sendButton}
          </button>
        </div>
      </form>
    </>
  );
}

/** How much the letter reads like ones already sent, with a nudge to add the writer's own words. */
function NearCopyNote({ ctx, score }: { ctx: PageContext; score: number }) {
  const percent = Math.round(score * 100);
  return (
    <p class={`preview__near-copy${score >= NEAR_COPY_NUDGE ? ' notice' : ''}`} data-near-copy={percent}>
      {score >= NEAR_COPY_NUDGE ? ctx.m.advocacy.nearCopyHigh(percent) : ctx.m.advocacy.nearCopyLow}
    </p>
  );
}

/** What each recipient receives, just above the Send button; it takes the focus when shown. */
function Preview({
  ctx,
  preview,
  requirePersonalisation,
}: {
  ctx: PageContext;
  preview: NonNullable<CampaignPageView['preview']>;
  requirePersonalisation: boolean;
}) {
  const { m } = ctx;
  return (
    <section class="preview" aria-labelledby="preview-title" tabindex={-1} autofocus data-preview>
      <h2 id="preview-title">{m.letters.previewTitle}</h2>
      <p>{m.letters.previewIntro}</p>
      <p class="preview__share">
        {preview.unchanged ? m.letters.meterUnchanged : m.letters.share(Math.round(preview.share * 100))}
      </p>
      {requirePersonalisation && preview.unchanged ? (
        <p class="notice">{m.letters.personaliseRequired}</p>
      ) : null}
      {preview.nearCopy !== undefined ? <NearCopyNote ctx={ctx} score={preview.nearCopy} /> : null}
      {preview.digest ? <p class="notice">{m.advocacy.digestNotice}</p> : null}
      {preview.letters.map((letter, i) => (
        <details class="preview__letter" key={letter.target.id} open={i === 0}>
          <summary>{m.letters.previewTo(letter.target.name)}</summary>
          <p class="preview__subject">{m.letters.previewSubject(letter.subject)}</p>
          <div class="letter">{letter.body}</div>
        </details>
      ))}
    </section>
  );
}

export function letterCheckEmailPage(ctx: PageContext, campaign: LetterCampaign): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.letters.checkEmailTitle, noindex: true }}>
      <Panel title={m.letters.checkEmailTitle}>
        <p>{m.letters.checkEmailBody}</p>
      </Panel>
      <p>{m.letters.checkEmailNoMail}</p>
      <p>
        <a href={writePath(ctx, campaign.slug)}>{m.letters.backToCampaign(campaign.title)}</a>
      </p>
    </Layout>,
  );
}

export interface DeliveryView {
  campaign: LetterCampaign;
  letters: Array<{ target: Target; status: LetterStatus }>;
  statusUrl: string;
}

const STATUS_CLASS: Record<LetterStatus, string> = {
  AWAITING_CONFIRMATION: 'status',
  QUEUED: 'status status--queued',
  SENT: 'status status--sent',
  FAILED: 'status status--failed',
};

/**
 * Each recipient with where their letter has got to. Where JavaScript runs, the letter-status island
 * refreshes it from `statusUrl` while any letter is waiting; without it, "Check again" reloads.
 */
export function DeliveryStatus({ ctx, view }: { ctx: PageContext; view: DeliveryView }) {
  const { m } = ctx;
  const label: Record<LetterStatus, string> = {
    AWAITING_CONFIRMATION: m.letters.statusQueued,
    QUEUED: m.letters.statusQueued,
    SENT: m.letters.statusSent,
    FAILED: m.letters.statusFailed,
  };
  const sent = view.letters.filter((l) => l.status === 'SENT').length;
  const failed = view.letters.filter((l) => l.status === 'FAILED').length;
  const waiting = view.letters.length - sent - failed;
  return (
    <section class="delivery" aria-labelledby="delivery-title" data-letter-status={view.statusUrl}>
      <h2 id="delivery-title">{m.letters.statusFor(view.campaign.title)}</h2>
      <p class="delivery__summary" aria-live="polite" data-letter-summary>
        {m.letters.statusSummary(sent, view.letters.length, failed)}
      </p>
      <ul class="recipients" data-letter-list>
        {view.letters.map(({ target, status }) => (
          <li key={target.id} data-status={status}>
            <span class="recipients__name">{target.name}</span>
            {target.party ? <span> {m.letters.party(target.party)}</span> : null}{' '}
            <span class={STATUS_CLASS[status]}>{label[status]}</span>
          </li>
        ))}
      </ul>
      {waiting > 0 ? <p class="hint">{m.letters.statusPacing}</p> : null}
      {failed > 0 ? <p class="hint">{m.letters.statusFailedHelp}</p> : null}
      {waiting > 0 ? (
        <p>
          <a class="button button--secondary" href={view.statusUrl} data-letter-refresh>
            {m.letters.statusCheckAgain}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** After confirming: the recipients and their letters' progress, sharing and what to do next. */
export function thanksExtra(ctx: PageContext, view: DeliveryView) {
  const { m } = ctx;
  const url = `${ctx.publicUrl}/write/${encodeURIComponent(view.campaign.slug)}`;
  return (
    <>
      <DeliveryStatus ctx={ctx} view={view} />
      <p>
        <a href={view.statusUrl}>{m.letters.statusLink}</a>
      </p>
      <p class="hint">{m.letters.statusKeep}</p>
      <ShareLinks ctx={ctx} url={url} title={view.campaign.title} />
      <h2>{m.letters.nextAction}</h2>
      <ul>
        <li>
          <a href="/petitions">{m.letters.nextPetitions}</a>
        </li>
        <li>
          <a href="/events">{m.letters.nextEvents}</a>
        </li>
      </ul>
    </>
  );
}

/** The delivery-status page (by the key the confirmation gave). */
export function letterStatusPage(ctx: PageContext, view: DeliveryView): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.letters.statusTitle, noindex: true }}>
      <h1>{m.letters.statusTitle}</h1>
      <DeliveryStatus ctx={ctx} view={view} />
      <p class="hint">{m.letters.statusKeep}</p>
      <h2>{m.letters.nextAction}</h2>
      <ul>
        <li>
          <a href="/petitions">{m.letters.nextPetitions}</a>
        </li>
        <li>
          <a href="/events">{m.letters.nextEvents}</a>
        </li>
      </ul>
    </Layout>,
  );
}
