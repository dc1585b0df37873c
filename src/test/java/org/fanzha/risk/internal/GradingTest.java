package org.fanzha.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.SightingKind;
import org.fanzha.risk.internal.Grading.Evidence;
import org.fanzha.risk.internal.Grading.Grade;
import org.fanzha.risk.internal.Grading.Queue;
import org.fanzha.risk.internal.Grading.Review;
import org.fanzha.risk.internal.Grading.Seen;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The grading rules, without Spring or a database. */
@Tag("fast")
class GradingTest {

    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    static final Grading.Settings SETTINGS = new Grading.Settings(Duration.ofDays(90), Duration.ofDays(30), 3);

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static Evidence seen(
            Map<SightingKind, Seen> seen, @Nullable Instant receivingCase, int reporters, @Nullable Review review) {
        return new Evidence(seen, receivingCase, reporters, review);
    }

    static Map<SightingKind, Seen> of(Object... kindCountDaysAgo) {
        Map<SightingKind, Seen> m = new EnumMap<>(SightingKind.class);
        for (int i = 0; i < kindCountDaysAgo.length; i += 3) {
            m.put((SightingKind) kindCountDaysAgo[i], new Seen((Integer) kindCountDaysAgo[i + 1], daysAgo((Integer)
                    kindCountDaysAgo[i + 2])));
        }
        return m;
    }

    static Grade grade(Evidence e) {
        return Grading.grade(e, SETTINGS, NOW);
    }

    @Test
    void aReceivingAccountOfARecentCaseIsVeryHighUntilTheWindowEnds() {
        Grade g = grade(seen(of(SightingKind.CASE, 1, 10), daysAgo(10), 0, null));
        assertThat(g.level()).isEqualTo(RiskLevel.VERY_HIGH);
        assertThat(g.rule()).isEqualTo(RiskRule.CASE_RECENT);
        assertThat(g.nextCheck()).isEqualTo(daysAgo(10).plus(Duration.ofDays(90)));
        // after the window the case still links it (HIGH), decaying from the window's end
        Grade later = Grading.grade(
                seen(of(SightingKind.CASE, 1, 10), daysAgo(10), 0, null), SETTINGS, NOW.plus(Duration.ofDays(81)));
        assertThat(later.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(later.rule()).isEqualTo(RiskRule.CASE_LINKED);
        Grade muchLater = Grading.grade(
                seen(of(SightingKind.CASE, 1, 10), daysAgo(10), 0, null), SETTINGS, NOW.plus(Duration.ofDays(80 + 31)));
        assertThat(muchLater.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(muchLater.decayed()).isEqualTo(1);
    }

    @Test
    void publicReportsNeverGoAboveMediumAndEnoughReportersQueueAReview() {
        Grade one = grade(seen(of(SightingKind.PUBLIC_REPORT, 1, 1), null, 1, null));
        assertThat(one.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(one.rule()).isEqualTo(RiskRule.REPORTED);
        assertThat(one.queue()).isNull();
        Grade many = grade(seen(of(SightingKind.PUBLIC_REPORT, 40, 1), null, 3, null));
        assertThat(many.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(many.queue()).isEqualTo(Queue.REPORTS);
        // 40 reports from two people are still two reporters
        assertThat(grade(seen(of(SightingKind.PUBLIC_REPORT, 40, 1), null, 2, null))
                        .queue())
                .isNull();
    }

    @Test
    void levelsDecayOneStepPerPeriodWithoutANewSighting() {
        assertThat(grade(seen(of(SightingKind.TRACED_ACCOUNT, 1, 29), null, 0, null))
                        .level())
                .isEqualTo(RiskLevel.HIGH);
        Grade g = grade(seen(of(SightingKind.TRACED_ACCOUNT, 1, 31), null, 0, null));
        assertThat(g.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(g.decayed()).isEqualTo(1);
        assertThat(g.nextCheck()).isEqualTo(daysAgo(31).plus(Duration.ofDays(60)));
        Grade gone = grade(seen(of(SightingKind.TRACED_ACCOUNT, 1, 61), null, 0, null));
        assertThat(gone.level()).isEqualTo(RiskLevel.NONE);
        assertThat(gone.rule()).isEqualTo(RiskRule.NONE);
        assertThat(gone.nextCheck()).isNull();
        // a declined payment is our own echo: it does not keep the entry fresh
        assertThat(grade(seen(
                                of(SightingKind.TRACED_ACCOUNT, 1, 31, SightingKind.PARTNER_DECLINED, 5, 0),
                                null,
                                0,
                                null))
                        .level())
                .isEqualTo(RiskLevel.MEDIUM);
        // a new sighting does
        assertThat(grade(seen(of(SightingKind.TRACED_ACCOUNT, 1, 31, SightingKind.PUBLIC_REPORT, 1, 0), null, 1, null))
                        .level())
                .isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aReviewHoldsUntilItExpiresThenTheRulesDecideAgain() {
        Review confirmed = new Review(RiskLevel.VERY_HIGH, daysAgo(100), NOW.plus(Duration.ofDays(80)));
        Grade g = grade(seen(of(SightingKind.PUBLIC_REPORT, 3, 100), null, 3, confirmed));
        assertThat(g.level()).isEqualTo(RiskLevel.VERY_HIGH);
        assertThat(g.rule()).isEqualTo(RiskRule.REVIEW);
        assertThat(g.queue()).isNull();
        assertThat(g.nextCheck()).isEqualTo(confirmed.expiresAt());
        Grade expired = Grading.grade(
                seen(of(SightingKind.PUBLIC_REPORT, 3, 100), null, 3, confirmed),
                SETTINGS,
                NOW.plus(Duration.ofDays(81)));
        assertThat(expired.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(expired.rule()).isEqualTo(RiskRule.REPORTED);
        Review cleared = new Review(RiskLevel.NONE, daysAgo(5), NOW.plus(Duration.ofDays(175)));
        assertThat(grade(seen(of(SightingKind.CASE, 1, 20), daysAgo(20), 0, cleared))
                        .level())
                .isEqualTo(RiskLevel.NONE);
    }

    @Test
    void strongerEvidenceAfterAReviewQueuesItAgainWithoutOverridingIt() {
        Review cleared = new Review(RiskLevel.NONE, daysAgo(5), NOW.plus(Duration.ofDays(175)));
        Grade g = grade(seen(of(SightingKind.CASE, 1, 1), daysAgo(1), 0, cleared));
        assertThat(g.level()).isEqualTo(RiskLevel.NONE);
        assertThat(g.queue()).isEqualTo(Queue.NEW_EVIDENCE);
        // the same evidence before the review: the reviewer saw it
        assertThat(grade(seen(of(SightingKind.CASE, 1, 9), daysAgo(9), 0, cleared))
                        .queue())
                .isNull();
    }

    @Test
    void aPartnersLegitimateLowersOneStepAndQueuesAReview() {
        Grade g =
                grade(seen(of(SightingKind.CASE, 1, 10, SightingKind.PARTNER_LEGITIMATE, 1, 1), daysAgo(10), 0, null));
        assertThat(g.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(g.rule()).isEqualTo(RiskRule.PARTNER_LEGITIMATE);
        assertThat(g.queue()).isEqualTo(Queue.PARTNER_LEGITIMATE);
        // against a review in force too, until a reviewer decides again
        Review confirmed = new Review(RiskLevel.VERY_HIGH, daysAgo(3), NOW.plus(Duration.ofDays(80)));
        Grade reviewed = grade(seen(of(SightingKind.PARTNER_LEGITIMATE, 1, 1), null, 0, confirmed));
        assertThat(reviewed.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(reviewed.queue()).isEqualTo(Queue.PARTNER_LEGITIMATE);
        // a review after the feedback settles it
        Review after = new Review(RiskLevel.VERY_HIGH, NOW, NOW.plus(Duration.ofDays(80)));
        Grade settled = grade(seen(of(SightingKind.PARTNER_LEGITIMATE, 1, 1), null, 0, after));
        assertThat(settled.level()).isEqualTo(RiskLevel.VERY_HIGH);
        assertThat(settled.queue()).isNull();
    }

    @Test
    void theStrongestSightingDecides() {
        assertThat(grade(seen(of(SightingKind.WARNING_COUNTERPART, 1, 1), null, 0, null))
                        .rule())
                .isEqualTo(RiskRule.WARNING_COUNTERPART);
        assertThat(grade(seen(
                                of(SightingKind.WARNING_COUNTERPART, 1, 1, SightingKind.BANK_ANSWER, 1, 2),
                                null,
                                0,
                                null))
                        .level())
                .isEqualTo(RiskLevel.HIGH);
        assertThat(grade(seen(of(SightingKind.PARTNER_CONFIRMED_FRAUD, 1, 1), null, 0, null))
                        .rule())
                .isEqualTo(RiskRule.PARTNER_CONFIRMED);
        assertThat(grade(seen(Map.of(), null, 0, null)).level()).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.VERY_HIGH.action()).hasToString("DECLINE");
        assertThat(RiskLevel.HIGH.action()).hasToString("CONFIRM");
        assertThat(RiskLevel.MEDIUM.action()).hasToString("WARN");
    }
}
