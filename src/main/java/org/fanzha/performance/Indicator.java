package org.fanzha.performance;

import java.util.Set;
import org.fanzha.platform.FactKind;

/**
 * The indicators of performance evaluation, each from the facts the capabilities record: sums of
 * one kind of fact, ratios of two, figures per 10,000 residents, or medians and 90th percentiles of
 * times (to acknowledge, to the first attempt to reach the person, to the first confirmed contact).
 */
public enum Indicator {
    casesFiled(FactKind.CASE_FILED),
    casesPer10k(FactKind.CASE_FILED),
    lossAmount(FactKind.CASE_LOSS),
    lossPer10k(FactKind.CASE_LOSS),
    casesSolved(FactKind.CASE_SOLVED),
    solveRate(FactKind.CASE_SOLVED, FactKind.CASE_FILED),
    suspectsArrested(FactKind.SUSPECT_ARRESTED),
    suspectsPer10k(FactKind.SUSPECT_ARRESTED),
    warningsReceived(FactKind.WARNING_RECEIVED),
    warningsHandled(FactKind.WARNING_HANDLED),
    dissuaded(FactKind.DISSUADED),
    dissuadedShare(FactKind.DISSUADED, FactKind.WARNING_HANDLED),
    alreadyDefrauded(FactKind.ALREADY_DEFRAUDED),
    lossAverted(FactKind.LOSS_AVERTED),
    lossAvertedPer10k(FactKind.LOSS_AVERTED),
    acknowledgedInTimeShare(FactKind.ACKNOWLEDGED_IN_TIME, FactKind.ACKNOWLEDGED),
    closedInTimeShare(FactKind.CLOSED_IN_TIME, FactKind.WARNING_HANDLED),
    medianAckSeconds(FactKind.ACK_SECONDS),
    domainsBlocked(FactKind.DOMAINS_BLOCKED),
    blockHits(FactKind.BLOCK_HITS),
    cardVerifications(FactKind.CARD_VERIFICATIONS),
    creditRestrictions(FactKind.CREDIT_RESTRICTIONS),
    amountStopped(FactKind.STOPPED_AMOUNT),
    amountFrozen(FactKind.FROZEN_AMOUNT),
    amountReturned(FactKind.RETURNED_AMOUNT),
    meanSecondsToStop(FactKind.STOP_ANSWER_SECONDS, FactKind.STOPS_ANSWERED),
    smsDeliveredShare(FactKind.SMS_DELIVERED, FactKind.SMS_ENDED),
    robotConnectionRate(FactKind.ROBOT_CONNECTED, FactKind.ROBOT_CALLS),
    handedToHumanShare(FactKind.HANDED_TO_HUMAN, FactKind.CONTACT_PLANS),
    repeatTargetShare(FactKind.REPEAT_TARGETS, FactKind.WARNING_RECEIVED),
    warnedThenDefraudedShare(FactKind.WARNED_THEN_DEFRAUDED, FactKind.WARNED),
    medianFirstAttemptSeconds(FactKind.FIRST_ATTEMPT_SECONDS),
    p90FirstAttemptSeconds(FactKind.FIRST_ATTEMPT_SECONDS),
    medianFirstContactSeconds(FactKind.FIRST_CONTACT_SECONDS),
    p90FirstContactSeconds(FactKind.FIRST_CONTACT_SECONDS),
    medianReportToStopSeconds(FactKind.REPORT_STOP_SECONDS),
    p90ReportToStopSeconds(FactKind.REPORT_STOP_SECONDS),
    medianFirstSmsSeconds(FactKind.ATTEMPT_SECONDS_SMS),
    p90FirstSmsSeconds(FactKind.ATTEMPT_SECONDS_SMS),
    medianFirstRobotCallSeconds(FactKind.ATTEMPT_SECONDS_ROBOT),
    p90FirstRobotCallSeconds(FactKind.ATTEMPT_SECONDS_ROBOT),
    medianFirstHumanCallSeconds(FactKind.ATTEMPT_SECONDS_HUMAN),
    p90FirstHumanCallSeconds(FactKind.ATTEMPT_SECONDS_HUMAN),
    medianFirstVisitSeconds(FactKind.ATTEMPT_SECONDS_VISIT),
    p90FirstVisitSeconds(FactKind.ATTEMPT_SECONDS_VISIT),
    medianContactByRobotSeconds(FactKind.CONTACT_SECONDS_ROBOT),
    p90ContactByRobotSeconds(FactKind.CONTACT_SECONDS_ROBOT),
    medianContactByHumanSeconds(FactKind.CONTACT_SECONDS_HUMAN),
    p90ContactByHumanSeconds(FactKind.CONTACT_SECONDS_HUMAN),
    medianContactByVisitSeconds(FactKind.CONTACT_SECONDS_VISIT),
    p90ContactByVisitSeconds(FactKind.CONTACT_SECONDS_VISIT);

    private final Set<FactKind> facts;

    Indicator(FactKind... facts) {
        this.facts = Set.of(facts);
    }

    /** The kinds of fact it is computed from: absent when a capability does not record one of them. */
    public Set<FactKind> facts() {
        return facts;
    }

    /** A median or percentile of a distribution: kept for county-level units and above only. */
    public boolean fromDistribution() {
        return facts.stream().anyMatch(FactKind::distribution);
    }

    /** A figure per 10,000 residents: absent where the population is not known. */
    public boolean perCapita() {
        return name().endsWith("Per10k");
    }
}
