/**
 * Blocking (封堵): block and allow entries, the matching engine, exports, zone transfer, the warning page and its hits.
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Blocklist")
package org.fanzha.blocklist;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
