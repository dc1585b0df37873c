package org.fanzha.audit;

import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by every module whose records hold masked personal data, so that
 * {@code POST /api/v1/reveal} can show one field in full, to a staff member whose jurisdiction
 * covers the record, with a reason, audited.
 */
public interface RevealableRecords {

    /** The entity name clients use ("staff", "warning" …). */
    String entity();

    /** The fields that may be revealed ("phone", "idNumber" …). */
    Set<String> fields();

    /** The record's unit and the field's full value; empty when no such record exists. */
    Optional<Revealable> find(String id, String field);

    record Revealable(String unitCode, @Nullable String value) {}
}
