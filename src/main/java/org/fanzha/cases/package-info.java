/**
 * Fraud cases (案件), their identifiers and automatic case linking (串并案).
 *
 * <p>Reserved by the design; built by its own issue.
 */
@NullMarked
@ApplicationModule(displayName = "Cases")
package org.fanzha.cases;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
