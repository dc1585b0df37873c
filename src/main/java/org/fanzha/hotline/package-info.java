/**
 * The 96110 warning hotline: a call task for every red and orange warning, taken one at a time
 * by operators (most urgent first, never two operators on one task), each attempt recorded;
 * follow-up calls after a dissuasion; face-to-face visit tasks when calls fail or the person
 * insists on paying, with the visit's proof.
 */
@NullMarked
@ApplicationModule(displayName = "Hotline")
package org.fanzha.hotline;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
