import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new reply to an event in one round trip (issue 15), as a signing is: the repeat guard's claim,
 * then under the event's row lock (in that order, as every other path takes them) the checks
 * (published, taking replies, as the caller read it), the answer (a place or the waitlist), the
 * branch's record of the person (found, or added with its consent record) and the reply. In PL/pgSQL so that each statement takes its own snapshot after the
 * lock is held (READ COMMITTED, a VOLATILE function): places are counted after the lock, exactly
 * as the separate statements did under it. The caller writes the reply's email in the same
 * statement (RsvpRepository.replyIfNew).
 *
 * Only the common case is done here: a new reply from an address with no reply to the event, whose
 * branch record is the person's own or new. Anything else (a reply already there, cancelled or
 * not; a provisional record; an address whose own record is another branch's; an event changed
 * since the caller read it) answers with nothing written and no claim kept, and the caller takes
 * its full path (RsvpService), which holds those rules. Outcomes: 'gone' (no such event, or not
 * published), 'closed' (cancelled, or replies closed), 'changed' (the event changed since the
 * caller read it), 'repeat' (a repeat within the window: nothing done), 'slow' (not the common
 * case), 'added'; `status` is the answer (GOING or WAITLISTED) where it was worked out.
 */
export class RsvpReplyFunction1765000001555 implements MigrationInterface {
  name = 'RsvpReplyFunction1765000001555';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION rsvp_reply(
        p_request_key text, p_window_secs double precision, p_event uuid, p_event_updated_at timestamptz,
        p_full_name text, p_email citext, p_email_canonical text, p_postcode text, p_email_opt_in boolean,
        p_consent_wording text, p_consent_version text, p_cancel_hash text, p_check_in_hash text)
      RETURNS TABLE (outcome text, status text)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_first boolean := true;
        v_status text;
        v_capacity int;
        v_branch uuid;
        v_closes timestamptz;
        v_updated timestamptz;
        v_answer text;
        v_outcome text;
        v_member uuid;
        v_provisional boolean;
        v_replied text;
      BEGIN
        -- The claim before the event's lock, as every other path takes them (EventRepository.lockClaiming).
        IF p_window_secs > 0 THEN
          INSERT INTO recent_request (key, seen_at) VALUES (p_request_key, now())
            ON CONFLICT (key) DO UPDATE SET seen_at = now()
              WHERE recent_request.seen_at <= now() - make_interval(secs => p_window_secs);
          v_first := FOUND;
        END IF;
        SELECT e.status, e.capacity, e.branch_id, coalesce(e.rsvp_closes_at, e.starts_at), e.updated_at
          INTO v_status, v_capacity, v_branch, v_closes, v_updated
          FROM event e WHERE e.id = p_event FOR UPDATE;
        IF NOT FOUND OR v_status NOT IN ('PUBLISHED', 'CANCELLED') THEN
          v_outcome := 'gone';
        ELSIF v_status = 'CANCELLED' OR clock_timestamp() >= v_closes THEN
          v_outcome := 'closed';
        -- The caller's email describes the event as it read it: changed since, it reads it again.
        ELSIF abs(extract(epoch FROM v_updated - p_event_updated_at)) >= 0.001 THEN
          v_outcome := 'changed';
        END IF;
        IF v_outcome IS NULL THEN
          IF v_capacity IS NULL THEN
            v_answer := 'GOING';
          ELSE
            SELECT CASE WHEN count(*) < v_capacity THEN 'GOING' ELSE 'WAITLISTED' END INTO v_answer
              FROM rsvp r WHERE r.event_id = p_event AND r.status = 'GOING';
          END IF;
          SELECT r.status INTO v_replied
            FROM rsvp r WHERE r.event_id = p_event AND r.email_canonical = p_email_canonical LIMIT 1;
          IF NOT v_first AND v_replied IS DISTINCT FROM 'CANCELLED' THEN
            -- A repeat of a reply just made: nothing new to record or send.
            RETURN QUERY SELECT 'repeat', v_answer;
            RETURN;
          ELSIF v_replied IS NOT NULL THEN
            v_outcome := 'slow';
          END IF;
        END IF;
        IF v_outcome IS NULL THEN
          SELECT m.id, m.provisional INTO v_member, v_provisional
            FROM member m WHERE m.email = p_email AND m.branch_id = v_branch
            ORDER BY m.provisional, m.created_at LIMIT 1;
          IF FOUND AND v_provisional THEN
            v_outcome := 'slow';
          ELSIF NOT FOUND THEN
            INSERT INTO member (email, full_name, postcode, branch_id, email_opt_in, provisional)
              VALUES (p_email, p_full_name, p_postcode, v_branch, p_email_opt_in, false)
              ON CONFLICT DO NOTHING
              RETURNING id INTO v_member;
            IF v_member IS NULL THEN
              v_outcome := 'slow';
            ELSE
              INSERT INTO consent_record (member_id, email_opt_in, wording, wording_version, source, recorded_by_id)
                VALUES (v_member, p_email_opt_in, p_consent_wording, p_consent_version, 'rsvp', NULL);
            END IF;
          END IF;
        END IF;
        IF v_outcome IS NOT NULL THEN
          -- Nothing written: the claim this made is given back, for the caller's full path to make.
          IF p_window_secs > 0 AND v_first THEN
            DELETE FROM recent_request WHERE key = p_request_key;
          END IF;
          RETURN QUERY SELECT v_outcome, v_answer;
          RETURN;
        END IF;
        INSERT INTO rsvp (event_id, member_id, full_name, email, email_canonical, status, queued_at,
            cancel_token_hash, earlier_cancel_token_hashes, check_in_code_hash, walk_in)
          VALUES (p_event, v_member, p_full_name, p_email, p_email_canonical, v_answer, clock_timestamp(),
            p_cancel_hash, '{}', CASE WHEN v_answer = 'GOING' THEN p_check_in_hash END, false);
        RETURN QUERY SELECT 'added', v_answer;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rsvp_reply(text, double precision, uuid, timestamptz, text, citext, text, text,
      boolean, text, text, text, text)`);
  }
}
