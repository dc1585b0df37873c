package org.fanzha.funds;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stop-payment and freeze ({@code fanzha.funds.*}).
 *
 * @param answerWithin a request a bank has not answered within this long is EXPIRED (and shown as such)
 * @param stopHolds how long a stop-payment holds the money (紧急止付, 48 hours) before a freeze must follow
 * @param freezeMonths the default period of a freeze
 * @param freezeNoticeDays freezes lapsing within this many days are listed and their unit told
 * @param checkInterval how often each instance looks for expired requests and lapsing freezes
 * @param maxTransfers transfers in one stop-payment request
 * @param traceWindow how long after money arrives its outgoing transfers are followed
 * @param returnLookback a return traces the victims' transfers of this long before the freeze
 * @param stopNoticeBefore a stop-payment not yet followed by a freeze is told this long before its
 *     hold ends (紧急止付 holds 48 hours: the freeze must come in time)
 */
@ConfigurationProperties("fanzha.funds")
public record FundsProperties(
        @DefaultValue("2h") Duration answerWithin,
        @DefaultValue("48h") Duration stopHolds,
        @DefaultValue("6") int freezeMonths,
        @DefaultValue("15") int freezeNoticeDays,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("200") int maxTransfers,
        @DefaultValue("72h") Duration traceWindow,
        @DefaultValue("30d") Duration returnLookback,
        @DefaultValue("6h") Duration stopNoticeBefore) {}
