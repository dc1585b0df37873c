package org.fanzha.platform.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Timers (escalations, retention) run on every instance; each claims its work with row locks. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "fanzha.scheduling.enabled", matchIfMissing = true)
class SchedulingConfig {}
