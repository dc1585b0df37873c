/**
 * Who pays next (预测派警): a survival model of the time from the first sign to the person's first
 * payment, learned from the platform's own closed warnings (paid: the victim's first transfer;
 * reached in time or never at risk: censored), refitted nightly and versioned with its
 * calibration; for each open warning the probability the person pays before they can be reached,
 * the expected loss and the reasons in words. With too few outcomes, or a model no better than the
 * rules on held-out warnings, the rules decide alone.
 */
@NullMarked
@ApplicationModule(displayName = "Dispatch")
package org.fanzha.dispatch;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
