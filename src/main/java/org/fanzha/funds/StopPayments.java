package org.fanzha.funds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;

/** Stop-payments other modules send (a public report's one click): as {@code POST /api/v1/funds/stop-payments} does. */
public interface StopPayments {

    record Transfer(
            Instant time,
            @Nullable String fromAccount,
            String toAccount,
            String toBank,
            BigDecimal amount,
            String channel) {}

    record Sent(long requestId, String state, String account, String bank, BigDecimal amount) {}

    /**
     * One request per receiving account, for what the victim sent it, to its bank at once.
     *
     * @throws org.fanzha.platform.InvalidInput field by field ({@code transfers[i].toBank} for a bank not known)
     */
    List<Sent> request(long caseId, @Nullable Long warningId, List<Transfer> transfers, Actor actor);

    /** What the banks answered so far, per request: the amount held (stopped or frozen) in all. */
    BigDecimal held(List<Long> requestIds);

    /** How far a return of frozen money to a case's victims has come. */
    enum ReturnStep {
        NONE,
        /** A unit worked out the victims' shares; a commander is to approve them. */
        PROPOSED,
        /** Approved: the bank is to pay the shares back. */
        APPROVED
    }

    /** The furthest step of the returns with a share for the case (a rejected proposal counts as none). */
    ReturnStep returnOf(long caseId);
}
