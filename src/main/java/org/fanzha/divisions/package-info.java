/**
 * The unit hierarchy (province → city → county → township → village), division codes, number
 * attribution (号码归属地) and ID number → county: everything that answers "which unit covers
 * this person".
 */
@NullMarked
@ApplicationModule(displayName = "Divisions")
package org.fanzha.divisions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
