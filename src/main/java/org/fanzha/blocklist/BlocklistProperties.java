package org.fanzha.blocklist;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.fanzha.platform.Source;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of blocking ({@code fanzha.blocklist.*}).
 *
 * @param trustedSources sources whose entries, sent by a partner token allowed to speak for them,
 *     are in force at once; other entries wait for review (a province commander's are in force
 *     at once too)
 * @param brands labels of protected brands (banks, payment apps, government portals): names that
 *     imitate them are SUSPICIOUS
 * @param feedInterval how often an instance reads the changes other instances made
 * @param maxCheckBatch the most targets one {@code POST /api/v1/blocklist/check} takes
 * @param publicLookupsPerMinute public risk lookups per client address and minute
 * @param expiryInterval how often expired entries are taken out of force
 */
@ConfigurationProperties("fanzha.blocklist")
public record BlocklistProperties(
        @DefaultValue("NATIONAL_CENTRE") Set<Source> trustedSources,
        @DefaultValue List<String> brands,
        @DefaultValue("500ms") Duration feedInterval,
        @DefaultValue("10000") int maxCheckBatch,
        @DefaultValue("20") int publicLookupsPerMinute,
        @DefaultValue("5m") Duration expiryInterval) {}
