/**
 * The append-only, hash-chained log of who read or changed what, its verification, and the
 * audited reveal of masked personal data.
 */
@NullMarked
@ApplicationModule(displayName = "Audit")
package org.fanzha.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
