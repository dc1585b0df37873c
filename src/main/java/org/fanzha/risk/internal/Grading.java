package org.fanzha.risk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.SightingKind;
import org.jspecify.annotations.Nullable;

/**
 * The rules that grade an entry, as a function of its evidence and the time: no database, no
 * clock of its own. The first rule that applies decides:
 *
 * <ol>
 *   <li>a review in force (not expired, and no partner said "legitimate" since) sets the level;
 *   <li>a receiving account or caller of a case filed within the case window: VERY_HIGH;
 *   <li>any case, a partner's confirmed fraud, a trace or a bank's answer: HIGH;
 *   <li>a warning's counterpart or a public report: MEDIUM (so reports alone never go higher);
 * </ol>
 *
 * then the level decays one step per decay period (per type, 30 days by default) since the last
 * sighting that counts — or since the case window or an expired review ended, whichever is later —
 * and a partner's "legitimate" lowers it one more step until a reviewer decides.
 */
final class Grading {

    private Grading() {}

    /** How often and when last an entry was seen in one way. */
    record Seen(int count, Instant last) {}

    /** A reviewer's decision: the level, when, and until when it holds. */
    record Review(RiskLevel level, Instant at, Instant expiresAt) {}

    /** What the rules know of an entry. */
    record Evidence(
            Map<SightingKind, Seen> seen,
            @Nullable Instant lastReceivingCase,
            int distinctReporters,
            @Nullable Review review) {

        Evidence {
            seen = seen.isEmpty() ? Map.of() : new EnumMap<>(seen);
        }

        @Nullable
        Instant last(SightingKind kind) {
            Seen s = seen.get(kind);
            return s == null ? null : s.last();
        }
    }

    /** The settings the rules read. */
    record Settings(Duration caseWindow, Duration decay, int reportersForReview) {}

    /** Why an entry waits for a reviewer. */
    enum Queue {
        /** Reports from enough distinct reporters since the last review. */
        REPORTS,
        /** A partner verified its customer as legitimate since the last review. */
        PARTNER_LEGITIMATE,
        /** Seen since the last review in a way that would grade it higher than the reviewer did. */
        NEW_EVIDENCE
    }

    /**
     * The grade: the level, the rule that decided it, how many steps it decayed, when it must be
     * graded again at the latest (null: only a new sighting or review changes it), and the review
     * queue it belongs in (null: none).
     */
    record Grade(
            RiskLevel level,
            RiskRule rule,
            int decayed,
            @Nullable Instant nextCheck,
            @Nullable Queue queue) {}

    static Grade grade(Evidence e, Settings settings, Instant now) {
        Review review = e.review();
        Instant legitimate = e.last(SightingKind.PARTNER_LEGITIMATE);
        boolean legitimatePending = legitimate != null && (review == null || legitimate.isAfter(review.at()));
        Queue queue = legitimatePending ? Queue.PARTNER_LEGITIMATE : reportsQueue(e, settings);
        if (review != null && review.expiresAt().isAfter(now)) {
            if (!legitimatePending) {
                Instant counted = lastCounting(e);
                if (queue == null && counted != null && counted.isAfter(review.at())) {
                    Evidence unreviewed = new Evidence(e.seen(), e.lastReceivingCase(), e.distinctReporters(), null);
                    if (grade(unreviewed, settings, now).level().compareTo(review.level()) > 0) {
                        queue = Queue.NEW_EVIDENCE;
                    }
                }
                return new Grade(review.level(), RiskRule.REVIEW, 0, review.expiresAt(), queue);
            }
            return new Grade(review.level().lowered(1), RiskRule.PARTNER_LEGITIMATE, 0, review.expiresAt(), queue);
        }
        Instant caseEnd =
                e.lastReceivingCase() == null ? null : e.lastReceivingCase().plus(settings.caseWindow());
        RiskLevel level;
        RiskRule rule;
        if (caseEnd != null && caseEnd.isAfter(now)) {
            level = RiskLevel.VERY_HIGH;
            rule = RiskRule.CASE_RECENT;
        } else if (e.seen().containsKey(SightingKind.CASE)) {
            level = RiskLevel.HIGH;
            rule = RiskRule.CASE_LINKED;
        } else if (e.seen().containsKey(SightingKind.PARTNER_CONFIRMED_FRAUD)) {
            level = RiskLevel.HIGH;
            rule = RiskRule.PARTNER_CONFIRMED;
        } else if (e.seen().containsKey(SightingKind.TRACED_ACCOUNT)) {
            level = RiskLevel.HIGH;
            rule = RiskRule.TRACED;
        } else if (e.seen().containsKey(SightingKind.BANK_ANSWER)) {
            level = RiskLevel.HIGH;
            rule = RiskRule.BANK_ANSWER;
        } else if (e.seen().containsKey(SightingKind.WARNING_COUNTERPART)) {
            level = RiskLevel.MEDIUM;
            rule = RiskRule.WARNING_COUNTERPART;
        } else if (e.seen().containsKey(SightingKind.PUBLIC_REPORT)) {
            level = RiskLevel.MEDIUM;
            rule = RiskRule.REPORTED;
        } else {
            return new Grade(RiskLevel.NONE, RiskRule.NONE, 0, null, queue);
        }
        int decayed = 0;
        Instant next;
        if (rule == RiskRule.CASE_RECENT) {
            next = caseEnd;
        } else {
            Instant anchor = latest(lastCounting(e), caseEnd, review == null ? null : review.expiresAt());
            long periods = anchor == null || !now.isAfter(anchor)
                    ? 0
                    : Duration.between(anchor, now).toMillis()
                            / settings.decay().toMillis();
            decayed = (int) Math.min(periods, level.ordinal());
            next = decayed >= level.ordinal() || anchor == null
                    ? null
                    : anchor.plus(settings.decay().multipliedBy(decayed + 1L));
        }
        RiskLevel graded = level.lowered(decayed);
        if (legitimatePending && graded != RiskLevel.NONE) {
            return new Grade(graded.lowered(1), RiskRule.PARTNER_LEGITIMATE, decayed, next, queue);
        }
        return new Grade(graded, graded == RiskLevel.NONE ? RiskRule.NONE : rule, decayed, next, queue);
    }

    private static @Nullable Queue reportsQueue(Evidence e, Settings settings) {
        Instant reported = e.last(SightingKind.PUBLIC_REPORT);
        if (reported == null || e.distinctReporters() < settings.reportersForReview()) {
            return null;
        }
        return e.review() == null || reported.isAfter(e.review().at()) ? Queue.REPORTS : null;
    }

    /** The last sighting that proves something (our own echo, a declined payment, and "legitimate" do not). */
    private static @Nullable Instant lastCounting(Evidence e) {
        Instant last = null;
        for (var seen : e.seen().entrySet()) {
            SightingKind kind = seen.getKey();
            if (kind != SightingKind.PARTNER_DECLINED && kind != SightingKind.PARTNER_LEGITIMATE) {
                last = latest(last, seen.getValue().last(), null);
            }
        }
        return last;
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b, @Nullable Instant c) {
        Instant m = a;
        for (Instant x : new Instant[] {b, c}) {
            if (x != null && (m == null || x.isAfter(m))) {
                m = x;
            }
        }
        return m;
    }
}
