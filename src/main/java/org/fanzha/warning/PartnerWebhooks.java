package org.fanzha.warning;

import java.util.Map;
import java.util.Optional;
import org.fanzha.platform.Actor;

/**
 * A partner token's webhook: one URL per token, where what concerns the partner is posted as JSON,
 * signed with HMAC-SHA256 of the body under the token's webhook secret ({@code X-Fanzha-Signature:
 * sha256=<hex>}), and retried with growing delays until the partner answers 2xx. Carries the
 * outcomes of a partner's leads ({@code "event":"LEAD_OUTCOME"}) and, for a bank's token, each
 * stop-payment or freeze request sent to the bank ({@code "event":"FUND_REQUEST"}).
 */
public interface PartnerWebhooks {

    /**
     * Registers (or replaces) the webhook of a partner token; returns the new signing secret, shown
     * once. An URL that is not http(s) with a host, carries credentials, or is longer than 500
     * characters is refused field by field.
     */
    String register(Actor partner, String url);

    /** The URL registered for the token, if any. */
    Optional<String> urlOf(Actor partner);

    void remove(Actor partner);

    /**
     * Queues, in the caller's transaction, a delivery of the payload to every live token of the bank
     * that registered a webhook; returns how many were queued. A request is delivered once per
     * webhook.
     */
    int queueForBank(String bankCode, long fundRequestId, Map<String, Object> payload);
}
