package org.fanzha.platform;

import java.util.Set;

/**
 * Who is acting: a staff member signed in (page or bearer token) or a partner system with an
 * API token. Every actor belongs to a unit; it sees personal data only inside that unit's
 * subtree.
 *
 * @param kind staff or partner
 * @param id the staff id or the token id
 * @param name username or partner token name
 * @param displayName what the UI shows
 * @param unitCode the division code of the actor's unit
 * @param roles staff roles (empty for partners)
 * @param permissions everything the actor may do
 * @param sources the sources a partner may speak for; all sources for staff
 */
public record Actor(
        Kind kind,
        long id,
        String name,
        String displayName,
        String unitCode,
        Set<Role> roles,
        Set<Permission> permissions,
        Set<Source> sources)
        implements java.io.Serializable {

    public enum Kind {
        STAFF,
        PARTNER
    }

    public Actor {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        sources = Set.copyOf(sources);
    }

    /**
     * The jurisdiction rule: division codes are hierarchical by prefix (41 → 4101 → 410105 →
     * 410105001 → 410105001001; 济源 419001 → 419001xxx), so a unit's subtree is exactly the codes
     * that start with its own.
     */
    public boolean covers(String divisionCode) {
        return divisionCode.startsWith(unitCode);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean mayActFor(Source source) {
        return sources.contains(source);
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }
}
