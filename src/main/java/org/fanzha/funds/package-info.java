/**
 * Stop the money (止付冻结): stop-payment, freeze, fund tracing and returns.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Funds")
package org.fanzha.funds;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
