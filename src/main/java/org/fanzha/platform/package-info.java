/**
 * The shared kernel every module builds on: who is acting ({@link org.fanzha.platform.Actor}),
 * roles and permissions, the jurisdiction rule, masking of personal data, and the mapping of
 * failures to RFC 9457 problem details.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package org.fanzha.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
