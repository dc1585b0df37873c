/**
 * The 96110 warning hotline: call tasks and the operator workbench.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Hotline")
package org.fanzha.hotline;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
