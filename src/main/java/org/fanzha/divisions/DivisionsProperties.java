package org.fanzha.divisions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the divisions module ({@code fanzha.divisions.*}).
 *
 * @param provinceCode the province this deployment serves; every unit code starts with it
 */
@ConfigurationProperties("fanzha.divisions")
public record DivisionsProperties(@DefaultValue("41") String provinceCode) {}
