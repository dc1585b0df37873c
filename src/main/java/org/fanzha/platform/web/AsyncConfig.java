package org.fanzha.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/** Event listeners between modules (@ApplicationModuleListener) run after commit, asynchronously. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfig {}
