package org.fanzha.appeals;

import java.time.Instant;
import java.util.List;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;

/** The appeal engine, for the modules whose listings are appealed. */
public interface Appeals {

    /**
     * An appeal as staff see it.
     *
     * @param evidence how many files came with it
     */
    record Appeal(
            long id,
            String reference,
            String kind,
            String ref,
            String type,
            String value,
            @Nullable String unitCode,
            String appellant,
            String contact,
            String reason,
            String state,
            Instant filedAt,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote,
            int evidence) {}

    /**
     * Files an appeal for a holder without files (an operator taking it on the phone, the demo):
     * checked as the public form is.
     *
     * @return the appeal's reference
     */
    String file(String type, String value, String appellant, String contact, String reason);

    /** The appeals of one subject, newest first. */
    List<Appeal> of(String kind, String ref);

    /** The appeals of one kind (all kinds: {@code null}) in a state (any: {@code null}), oldest open first, that the actor decides. */
    List<Appeal> list(@Nullable String kind, @Nullable String state, Actor actor, int limit);

    /** A reviewer upholds the listing or lifts it, with a note; an appeal of another kind than {@code kind} (when given) is not found. */
    Appeal decide(long id, @Nullable String kind, boolean lift, @Nullable String note, Actor actor);
}
