/**
 * Early warning and dissuasion (预警劝阻): leads, warnings, routing, deadlines and escalation, outcomes, the duty board.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Warning")
package org.fanzha.warning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
