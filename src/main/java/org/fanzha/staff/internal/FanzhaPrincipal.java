package org.fanzha.staff.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.ActorHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The security principal of a signed-in staff member or a partner token. */
record FanzhaPrincipal(Actor actor) implements ActorHolder, java.io.Serializable {

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
