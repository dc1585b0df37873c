/**
 * Staff accounts, their units and roles, sign-in (pages and bearer tokens), partner API tokens,
 * and the jurisdiction rule applied to staff records.
 */
@NullMarked
@ApplicationModule(displayName = "Staff")
package org.fanzha.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
