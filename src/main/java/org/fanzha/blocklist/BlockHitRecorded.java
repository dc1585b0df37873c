package org.fanzha.blocklist;

import java.time.Instant;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * A visit landed on the warning page and the operators' subscriber mapping names the visitor's
 * phone: early warning files it as a FRAUD_SITE_VISIT lead.
 *
 * @param hitId the hit, unique (the lead's source id is derived from it)
 * @param url the address the visitor asked for
 * @param category the fraud type of the entry that blocked it, if one did
 * @param phone the subscriber's phone
 * @param at when the visit happened
 */
public record BlockHitRecorded(
        long hitId, String url, @Nullable FraudType category, String phone, Instant at) {}
