package org.fanzha.staff;

import java.util.Optional;
import org.fanzha.platform.Actor;

/** The institution a bank partner's token answers for. */
public interface PartnerBanks {

    /** The bank code bound to the actor's partner token; empty for staff and other partners. */
    Optional<String> bankOf(Actor actor);
}
