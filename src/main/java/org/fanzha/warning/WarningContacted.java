package org.fanzha.warning;

import java.time.Instant;

/**
 * A person worked a warning's contact: an operator's call or an officer's visit, whatever its
 * result. {@code confirmed} says the person was reached (a call answered, met at the door): the
 * contact plan then stops what it still meant to try.
 */
public record WarningContacted(
        long warningId, ContactMethod method, ContactResult result, boolean confirmed, Instant at) {}
