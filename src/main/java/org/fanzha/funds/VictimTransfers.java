package org.fanzha.funds;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** When the victims paid: for learning how long people take to pay after the first sign (dispatch). */
public interface VictimTransfers {

    /**
     * The time of the first transfer the victim of each warning made (recorded on the warning, or on
     * the case made from it); warnings without one are absent.
     */
    Map<Long, Instant> firstByWarning(Collection<Long> warningIds);
}
