package org.fanzha.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the actor of the current request. */
public final class Actors {

    private Actors() {}

    public static Optional<Actor> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ActorHolder holder) {
            return Optional.of(holder.actor());
        }
        return Optional.empty();
    }

    /** The current actor; a request without one is refused as unauthenticated. */
    public static Actor require() {
        return current().orElseThrow(NotSignedIn::new);
    }

    /** Throws {@link Forbidden} unless the current actor holds the permission. */
    public static Actor requirePermission(Permission permission) {
        Actor actor = require();
        if (!actor.can(permission)) {
            throw new Forbidden(
                    "problem.forbidden.permission", org.fanzha.platform.Texts.key("permission." + permission.name()));
        }
        return actor;
    }
}
