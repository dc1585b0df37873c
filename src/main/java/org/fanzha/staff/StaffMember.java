package org.fanzha.staff;

import java.util.Set;
import org.fanzha.platform.Role;
import org.jspecify.annotations.Nullable;

/**
 * A staff account as other modules and the API see it; the phone is masked unless revealed.
 */
public record StaffMember(
        long id,
        String username,
        String displayName,
        String unitCode,
        Set<Role> roles,
        boolean enabled,
        @Nullable String phone) {}
