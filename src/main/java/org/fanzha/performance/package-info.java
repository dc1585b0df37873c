/**
 * Performance evaluation (绩效考评): indicators, scores, the monthly ranking, the weekly bulletin and the dashboard.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Performance")
package org.fanzha.performance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
