package org.fanzha.hotline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the 96110 hotline ({@code fanzha.hotline.*}).
 *
 * @param failedCallsBeforeVisit after this many calls that reach nobody, the person gets a visit
 * @param followUpAfter how long after a dissuasion the follow-up call (回访) is due
 * @param maxPhotoSize the largest visit photo accepted
 */
@ConfigurationProperties("fanzha.hotline")
public record HotlineProperties(
        @DefaultValue("3") int failedCallsBeforeVisit,
        @DefaultValue("3d") Duration followUpAfter,
        @DefaultValue("5MB") org.springframework.util.unit.DataSize maxPhotoSize) {}
