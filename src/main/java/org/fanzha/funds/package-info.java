/**
 * Stop the money (止付冻结): the victims' transfers, stop-payment and freeze requests to the receiving
 * institutions, their answers and the onward transfers they report, which become the next requests.
 */
@NullMarked
@ApplicationModule(displayName = "Funds")
package org.fanzha.funds;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
