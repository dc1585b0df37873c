package org.fanzha.appeals;

import java.util.Optional;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;

/**
 * What one module lets holders appeal, and how it lifts it. The engine calls every method in its
 * own transaction; a module that feeds others (zones, the risk list's changes) catches them up
 * once that transaction commits.
 */
public interface AppealSubject {

    /** The kind of subject, as the engine stores it: {@code BLOCK_ENTRY}, {@code RISK_ENTRY}, {@code FREEZE}. */
    String kind();

    /** Whether values of this type (as the holder names it: {@code URL}, {@code PHONE}, {@code FROZEN_ACCOUNT} …) are this module's. */
    boolean takes(String type);

    /**
     * The listing in force that the value names, if any.
     *
     * @param proof what the holder was given with the listing, where it is not public (a freeze's
     *     document number): without it a listing that only its holder may know of is not found
     * @throws org.fanzha.platform.InvalidInput at {@code value} when it is no value of the type
     */
    Optional<Subject> find(String type, String value, @Nullable String proof);

    /** Whether the actor decides appeals of this subject (the permission, and the jurisdiction it needs). */
    boolean decides(Actor actor, Subject subject);

    /** An appeal was filed: the module notes it in the subject's history. */
    void filed(Subject subject, long appealId, String appellant, String reason);

    /** The appeal is turned down: the listing stays, and its history says so. */
    void upheld(Subject subject, long appealId, String note, Actor actor);

    /** The appeal succeeds: the listing is lifted and leaves every feed. */
    void lift(Subject subject, long appealId, String note, Actor actor);
}
