/**
 * Early warning and dissuasion (预警劝阻): leads, warnings, routing, deadlines and escalation, outcomes, the duty board.
 */
@NullMarked
@ApplicationModule(displayName = "Warning")
package org.fanzha.warning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
