/**
 * The card-breaking campaign (断卡): card verification, outlet review, brokers, the credit-punishment list.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Cards")
package org.fanzha.cards;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
