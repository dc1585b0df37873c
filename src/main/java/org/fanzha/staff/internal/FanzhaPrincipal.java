package org.fanzha.staff.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.ActorHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The security principal of a signed-in staff member or a partner token. A page session's
 * principal carries a fingerprint of the password it was opened with: when the password changes
 * (by its owner or an administrator's reset), every session opened before ends.
 */
record FanzhaPrincipal(Actor actor, String credential) implements ActorHolder, java.io.Serializable {

    /** A bearer token's principal: the token itself is checked on every request. */
    FanzhaPrincipal(Actor actor) {
        this(actor, "");
    }

    /** The fingerprint of a stored password hash (never the hash itself in the session). */
    static String fingerprint(String passwordHash) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(passwordHash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<GrantedAuthority> authorities() {
        Collection<GrantedAuthority> list = new ArrayList<>();
        actor.roles().forEach(r -> list.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        actor.permissions().forEach(p -> list.add(new SimpleGrantedAuthority(p.authority())));
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return actor.name();
    }
}
