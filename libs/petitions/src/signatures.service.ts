import { Injectable } from '@nestjs/common';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AddressHasher,
  AddressMailCap,
  AppConfig,
  AuditService,
  csvSafe,
  csvWriter,
  generateToken,
  hashToken,
  InvalidLinkError,
  NotFoundError,
  postcodeDistrict,
  repeatKey,
  RecentlyRead,
  RepeatGuard,
  withResponseFloor,
  writeTo,
} from '@app/core';
import { Mailbag, OutboxService, outboxRow } from '@app/mail';
import { MemberRepository, subscribeConfirmedPerson } from '@app/members';
import { PostcodeLookup } from '@app/targets';
import { SignPetitionInput } from './dto/petition.input';
import { Petition } from './petition.entity';
import { PetitionRepository } from './petition.repository';
import { alreadySignedTemplate, confirmSignatureTemplate, milestoneTemplate } from './petition.templates';
import { PetitionNotOpenError, SignerNameError } from './petitions.errors';
import { PetitionsService } from './petitions.service';
import { SignatureExportRow, SignatureRepository } from './signature.repository';
import { constituencyWithin } from './signer-constituency';
import { canonicalEmail, nameProblem } from './signer-rules';

/** The demo petition (seed-demo): made-up words and people, at example.org addresses. */
const DEMO_PETITION = {
  slug: 'drug-checking-in-dundee',
  title: 'Drug checking in Dundee',
  summary: 'Ask Dundee City Council to open a drug checking service in the city centre this year.',
  body: 'Drug checking lets people who use drugs find out what is really in them, and talk to a harm-reduction worker without judgement. It saves lives. We ask the council to fund a service in the city centre, open evenings and weekends, with a welfare space beside it.',
  targetName: 'Dundee City Council',
};
const DEMO_SIGNERS = [
  { fullName: 'Morven Example', email: 'morven@example.org', postcode: 'DD4 8TR', showName: true },
  { fullName: 'Callum Example', email: 'callum@example.org', postcode: 'DD3 9QG', showName: true },
  { fullName: 'Aileen Example', email: 'aileen@example.org', postcode: 'DD5 3UX', showName: false },
  { fullName: 'Ravi Example', email: 'ravi@example.org', postcode: 'DD4 8TR', showName: true },
  { fullName: 'Kirsty Example', email: 'kirsty@example.org', postcode: 'DD10 8AL', showName: false },
];

/** How many more emails one signature may cause after the first ("already signed", a new link). */
const ALREADY_SIGNED_MAILS = 3;

/**
 * Signing and confirming. Every signing answers the same, in the same time; limits per client
 * address are silent (the signature is kept as SUSPECT, never counted or confirmable); counts go to
 * sharded rows so confirmations never queue on the petition's row.
 */
@Injectable()
export class SignaturesService {
  private readonly openPetitions: RecentlyRead<Petition>;

  constructor(
    private readonly signatures: SignatureRepository,
    private readonly petitionRows: PetitionRepository,
    private readonly members: MemberRepository,
    private readonly outbox: OutboxService,
    private readonly petitions: PetitionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly postcodes: PostcodeLookup,
    private readonly hasher: AddressHasher,
    private readonly mailCap: AddressMailCap,
    private readonly repeats: RepeatGuard,
  ) {
    this.openPetitions = new RecentlyRead(() => config.publicReadCacheMs);
  }

  async sign(input: SignPetitionInput, clientAddress: string): Promise<void> {
    const problem = nameProblem(input.fullName);
    if (problem) {
      throw new SignerNameError(problem);
    }
    const petition = await this.openPetition(input.petitionSlug);
    await withResponseFloor(this.config.publicResponseFloorMs, async () => {
      // Keyed hashes only (the address itself is never stored); while the key is being rotated,
      // signatures hashed under the previous key still count towards the limits.
      const ipHashes = this.hasher.clientAddressCandidates(clientAddress);
      // Made (and the email written) before it is known whether they will be used: the checks, the
      // signature and its confirmation are one statement. The mail cap counts the confirmation when
      // the relay queues it (past the cap it is never sent, and the signature waits unconfirmed;
      // signing again later sends a fresh link).
      const token = generateToken();
      // A double-click (or ten at once) signs and mails once.
      const request = {
        key: repeatKey('sign-petition', { ...input, email: input.email.trim().toLowerCase() }),
        windowMs: this.config.repeatWindowMs,
      };
      const signing = await this.signatures.sign(
        request,
        { burst: this.config.petitions.burstLimit, hourly: this.config.petitions.hourlyLimit },
        ipHashes,
        {
          petitionId: petition.id,
          fullName: input.fullName,
          email: input.email,
          emailCanonical: canonicalEmail(input.email),
          postcode: input.postcode,
          postcodeDistrict: postcodeDistrict(input.postcode),
          showName: input.showName,
          emailOptIn: input.emailOptIn,
          confirmTokenHash: hashToken(token),
        },
        outboxRow(
          confirmSignatureTemplate,
          input.email,
          this.confirmationParams(petition, input.fullName, input.emailOptIn, token),
          {},
          [],
          { mailCapKind: 'petition' },
        ),
      );
      if (!signing.first) {
        return;
      }
      if (!signing.open) {
        // The cached petition may be a second or two old: whether it still takes signatures was
        // read in the statement, with the limits. The claim committed with the statement: give it
        // back, so the same request again is refused again rather than taken for a double-click.
        this.openPetitions.forget(input.petitionSlug);
        await this.repeats.release(request.key).catch(() => undefined);
        throw signing.petitionStatus === null || signing.petitionStatus === 'DRAFT'
          ? new NotFoundError('Petition')
          : new PetitionNotOpenError();
      }
      if (signing.added) {
        return;
      }
      try {
        await this.outbox.transaction((manager, mail) =>
          this.handleRepeat(manager, mail, petition, input, signing.suspect),
        );
      } catch (error) {
        // The claim committed with the statement: give it back, or a retry would be taken for a
        // double-click and do nothing.
        await this.repeats.release(request.key).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Counts the signature behind a link (once), placed in its constituency, and returns its petition. */
  async confirm(token: string): Promise<Petition> {
    const tokenHash = hashToken(token);
    // Before the transaction: the lookup may be a web service, and must not hold it open.
    const constituencyCode = await this.constituencyOf(tokenHash);
    const petition = await this.outbox.transaction(async (manager, mail) => {
      const signature = await this.signatures.confirm(manager, tokenHash, constituencyCode);
      if (!signature) {
        throw new InvalidLinkError();
      }
      const petition = (await this.petitionRows.findById(signature.petitionId, manager))!;
      await this.petitionRows.addToCount(manager, petition.id);
      if (signature.emailOptIn) {
        await subscribeConfirmedPerson(
          manager,
          {
            email: signature.email,
            fullName: signature.fullName,
            postcode: signature.postcode,
            branchId: petition.branchId,
          },
          'petition',
        );
      }
      await this.announceMilestone(manager, mail, petition);
      return petition;
    });
    this.petitions.forgetCounts(petition.id);
    return petition;
  }

  /**
   * The demo's open petition for a branch, with a few made-up signers confirmed through the ordinary
   * confirmation (counted, by day and by constituency; some shown by first name), if there are no
   * petitions yet. Its slug, or null. Development and `--demo` only (see seed-demo).
   */
  async seedDemo(branchId: string): Promise<string | null> {
    const tokens = await this.outbox.transaction(async (manager) => {
      await this.petitionRows.lockDemoSeed(manager);
      if ((await this.petitionRows.countAll(manager)) > 0) {
        return null;
      }
      const petition = await this.petitionRows.create(
        {
          slug: DEMO_PETITION.slug,
          title: DEMO_PETITION.title,
          summary: DEMO_PETITION.summary,
          body: DEMO_PETITION.body,
          targetName: DEMO_PETITION.targetName,
          branchId,
          goal: 500,
          closesAt: null,
          status: 'OPEN',
          openedAt: new Date(),
        },
        manager,
      );
      const links: string[] = [];
      for (const signer of DEMO_SIGNERS) {
        const token = generateToken();
        await this.signatures.insertIfNew(manager, {
          petitionId: petition.id,
          fullName: signer.fullName,
          email: signer.email,
          emailCanonical: canonicalEmail(signer.email),
          postcode: signer.postcode,
          postcodeDistrict: postcodeDistrict(signer.postcode),
          showName: signer.showName,
          emailOptIn: false,
          status: 'PENDING',
          ipHash: null,
          confirmTokenHash: hashToken(token),
        });
        links.push(token);
      }
      return links;
    });
    if (!tokens) {
      return null;
    }
    for (const token of tokens) {
      await this.confirm(token);
    }
    return DEMO_PETITION.slug;
  }

  /** Streams the confirmed signatures as CSV for delivery (formula-safe), audited; leaves `out` open. */
  async export(actor: Actor, petitionId: string, out: Writable): Promise<number> {
    const petition = await this.petitions.getManaged(actor, petitionId);
    let rows = 0;
    try {
      await this.signatures.streamConfirmed(petitionId, async (source) => {
        const toRecord = new Transform({
          objectMode: true,
          transform(row: SignatureExportRow, _encoding, done) {
            rows += 1;
            done(null, {
              full_name: csvSafe(row.full_name),
              postcode: csvSafe(row.postcode ?? ''),
              postcode_district: csvSafe(row.postcode_district ?? ''),
              constituency: csvSafe(row.constituency ?? ''),
              signed_at: new Date(row.signed_at).toISOString(),
            });
          },
        });
        const csv = csvWriter(['full_name', 'postcode', 'postcode_district', 'constituency', 'signed_at']);
        await pipeline(source, toRecord, csv, writeTo(out));
      });
    } finally {
      await this.audit.record({
        action: 'petition.export',
        actorId: actor.memberId,
        branchId: petition.branchId,
        subjectId: petitionId,
        rowCount: rows,
      });
    }
    return rows;
  }

  /** The constituency of the pending signature behind a link; null if unknown or not found in time. */
  private async constituencyOf(tokenHash: string): Promise<string | null> {
    const postcode = await this.signatures.pendingPostcode(tokenHash);
    return postcode ? constituencyWithin(this.postcodes, postcode) : null;
  }

  /**
   * The open petition behind a slug. Open petitions are kept for PUBLIC_READ_CACHE_MS, so a crowd
   * signing one does not look it up every time; anything else is looked up each time. Used for what
   * a signing reads (id, title); whether it is still open is checked again in the signing's
   * statement (sign_petition), so a petition closed meanwhile refuses at once.
   */
  private async openPetition(slug: string): Promise<Petition> {
    const petition = await this.openPetitions.get(slug, async () => {
      const found = await this.petitionRows.findBySlug(slug);
      if (!found || found.status === 'DRAFT') {
        throw new NotFoundError('Petition');
      }
      if (found.status !== 'OPEN') {
        throw new PetitionNotOpenError();
      }
      return found;
    });
    if (petition.closesAt && petition.closesAt <= new Date()) {
      this.openPetitions.forget(slug);
      throw new PetitionNotOpenError();
    }
    return petition;
  }

  /**
   * Someone signs again with an address already on the petition. A confirmed signer is told "you
   * have already signed"; an unconfirmed one gets a fresh confirmation link (the first may have been
   * lost), and the links sent before keep working; a signature held as suspect becomes an ordinary
   * one if this request is within the limits. At most ALREADY_SIGNED_MAILS such emails per
   * signature, and never a second signature.
   */
  private async handleRepeat(
    manager: EntityManager,
    mail: Mailbag,
    petition: Petition,
    input: SignPetitionInput,
    suspectNow: boolean,
  ): Promise<void> {
    const existing = await this.signatures.lockByAddress(manager, petition.id, canonicalEmail(input.email));
    if (!existing || existing.alreadySignedMails >= ALREADY_SIGNED_MAILS) {
      return;
    }
    if (existing.status === 'SUSPECT' && suspectNow) {
      return;
    }
    if (!(await this.mailCap.allows('petition', input.email))) {
      return;
    }
    if (existing.status === 'CONFIRMED') {
      await this.signatures.update(manager, existing.id, {
        alreadySignedMails: existing.alreadySignedMails + 1,
      });
      await mail.add(alreadySignedTemplate, input.email, {
        fullName: existing.fullName,
        title: petition.title,
      });
      return;
    }
    const token = generateToken();
    await this.signatures.update(manager, existing.id, {
      status: 'PENDING',
      confirmTokenHash: hashToken(token),
      earlierTokenHashes: existing.confirmTokenHash
        ? [...existing.earlierTokenHashes, existing.confirmTokenHash]
        : existing.earlierTokenHashes,
      alreadySignedMails: existing.alreadySignedMails + 1,
    });
    await this.mailConfirmation(mail, petition, input.email, existing.fullName, existing.emailOptIn, token);
  }

  private async mailConfirmation(
    mail: Mailbag,
    petition: Petition,
    email: string,
    fullName: string,
    emailOptIn: boolean,
    token: string,
  ): Promise<void> {
    await mail.add(
      confirmSignatureTemplate,
      email,
      this.confirmationParams(petition, fullName, emailOptIn, token),
    );
  }

  private confirmationParams(petition: Petition, fullName: string, emailOptIn: boolean, token: string) {
    return {
      fullName,
      title: petition.title,
      link: `${this.config.publicUrl}/petitions/confirm?token=${encodeURIComponent(token)}`,
      subscribing: emailOptIn,
    };
  }

  /** Tells the organisers (admins for a national petition) at 25, 50, 75 and 100 % of the goal, once each. */
  private async announceMilestone(manager: EntityManager, mail: Mailbag, petition: Petition): Promise<void> {
    const count = await this.petitionRows.count(manager, petition.id);
    const milestone = Math.min(100, Math.floor((count * 4) / petition.goal) * 25);
    if (milestone <= petition.lastMilestone) {
      return;
    }
    if (!(await this.petitionRows.raiseMilestone(manager, petition.id, milestone))) {
      return;
    }
    const recipients = await this.members.managersOf(petition.branchId, manager);
    for (const organiser of recipients) {
      await mail.add(milestoneTemplate, organiser.email, {
        fullName: organiser.fullName,
        title: petition.title,
        percent: milestone,
        count,
        goal: petition.goal,
      });
    }
  }
}
