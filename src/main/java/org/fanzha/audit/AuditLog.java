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

    /** Who acts and from where: read on the request's thread, for a record written on another. */
    record Origin(String actor, String unit, String address) {}

    /** The current actor ("system" when there is none) and the current request's address. */
    Origin origin();

    /**
     * As {@link #record}, for machine intake: the record is stored in the caller's transaction
     * (which must be active), so it commits or rolls back with the change, but in an outbox,
     * without taking the chain's lock; it is appended to the chain moments later by whichever
     * instance takes it. Many requests a second then share the chain's commits instead of
     * queueing for it, and a request's record fails or succeeds with that request alone.
     */
    void recordInOutbox(Origin origin, String action, String entity, String entityId, String detail);

    /**
     * As {@link #record}, in a transaction of its own that commits whatever becomes of the
     * caller's: for what must stay on record though the caller's change is refused and rolled
     * back (a failed sign-in, a reveal outside the jurisdiction, a refused grant of roles).
     */
    void recordAlone(Origin origin, String action, String entity, String entityId, String detail);
}
