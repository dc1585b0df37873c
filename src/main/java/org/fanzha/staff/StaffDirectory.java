package org.fanzha.staff;

import java.util.List;

/** Staff lookups for other modules, always within the current actor's jurisdiction. */
public interface StaffDirectory {

    /** Staff of exactly this unit (not its subtree), phones masked. */
    List<StaffMember> ofUnit(String unitCode);
}
