package org.fanzha.audit;

/**
 * Records changes and full views of personal data. A record joins the caller's transaction, so
 * a change and its audit record commit or roll back together. Bulk machine intake records one
 * entry per request or batch, not per row.
 */
public interface AuditLog {

    /**
     * Records an action of the current actor (or "system" when there is none), from the current
     * request's address.
     *
     * @param action what was done: CREATE, UPDATE, REVEAL, SIGN_IN …
     * @param entity the kind of record: staff, api-token, warning …
     * @param entityId its id
     * @param detail what changed or why it was viewed; no full personal data
     */
    void record(String action, String entity, String entityId, String detail);

    /**
     * As {@link #record}, but in a transaction of its own that it shares with the records of
     * concurrent callers (group commit): returns once the record is durably in the chain. For
     * machine intake, so that many requests a second share one commit of the chain instead of
     * queueing for it one by one.
     */
    void recordDurably(String action, String entity, String entityId, String detail);
}
