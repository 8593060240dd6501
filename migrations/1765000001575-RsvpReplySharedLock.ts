import { MigrationInterface, QueryRunner } from 'typeorm';
import { RsvpReplyFunction1765000001555 } from './1765000001555-RsvpReplyFunction';

/**
 * Replies to an event without a capacity no longer wait for each other (issue 15). rsvp_reply
 * locked the event's row for update for every reply, so a crowd replying to one event went in one
 * at a time, each holding the lock until its commit was on disk. The lock is there for the places
 * (counted under it) and so that a change to the event (a cancellation, a capacity set) and a reply
 * never pass each other. Without a capacity there is nothing to count: the row is locked for share,
 * which every change to it still waits for (and which waits for a change under way). A capacity set
 * between the check and the lock is taken as a change: the full path decides that reply. Two
 * replies from one address at once can now both reach the insert; the second breaks the unique
 * (event, person) constraint, the statement writes nothing, and the caller takes the full path.
 * Planned with generic plans, as PublicFunctionsGenericPlans set it (CREATE OR REPLACE resets it).
 */
export class RsvpReplySharedLock1765000001575 implements MigrationInterface {
  name = 'RsvpReplySharedLock1765000001575';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION rsvp_reply(
        p_request_key text, p_window_secs double precision, p_event uuid, p_event_updated_at timestamptz,
        p_full_name text, p_email citext, p_email_canonical text, p_postcode text, p_email_opt_in boolean,
        p_consent_wording text, p_consent_version text, p_cancel_hash text, p_check_in_hash text)
      RETURNS TABLE (outcome text, status text)
      LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
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
        v_shared boolean := false;
      BEGIN
        -- The claim before the event's lock, as every other path takes them (EventRepository.lockClaiming).
        IF p_window_secs > 0 THEN
          INSERT INTO recent_request (key, seen_at) VALUES (p_request_key, now())
            ON CONFLICT (key) DO UPDATE SET seen_at = now()
              WHERE recent_request.seen_at <= now() - make_interval(secs => p_window_secs);
          v_first := FOUND;
        END IF;
        -- Places to count (a capacity): the event's row locked for update, one reply at a time.
        -- None: locked for share, so replies go in side by side while a change to the event (a
        -- cancellation, a capacity set) still waits for them, and they for it.
        IF (SELECT e.capacity IS NULL FROM event e WHERE e.id = p_event) THEN
          SELECT e.status, e.capacity, e.branch_id, coalesce(e.rsvp_closes_at, e.starts_at), e.updated_at
            INTO v_status, v_capacity, v_branch, v_closes, v_updated
            FROM event e WHERE e.id = p_event FOR SHARE;
          v_shared := true;
        ELSE
          SELECT e.status, e.capacity, e.branch_id, coalesce(e.rsvp_closes_at, e.starts_at), e.updated_at
            INTO v_status, v_capacity, v_branch, v_closes, v_updated
            FROM event e WHERE e.id = p_event FOR UPDATE;
        END IF;
        IF NOT FOUND OR v_status NOT IN ('PUBLISHED', 'CANCELLED') THEN
          v_outcome := 'gone';
        ELSIF v_status = 'CANCELLED' OR clock_timestamp() >= v_closes THEN
          v_outcome := 'closed';
        -- The caller's email describes the event as it read it: changed since, it reads it again.
        ELSIF abs(extract(epoch FROM v_updated - p_event_updated_at)) >= 0.001
          -- A capacity set since the lock was chosen is a change too.
          OR (v_shared AND v_capacity IS NOT NULL) THEN
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
    const before = new RsvpReplyFunction1765000001555();
    await before.down(q);
    await before.up(q);
    await q.query(`ALTER FUNCTION rsvp_reply(text, double precision, uuid, timestamptz, text, citext, text, text,
      boolean, text, text, text, text) SET plan_cache_mode = force_generic_plan`);
  }
}
