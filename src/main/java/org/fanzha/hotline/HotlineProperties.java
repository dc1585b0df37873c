package org.fanzha.hotline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the 96110 hotline ({@code fanzha.hotline.*}).
 *
 * @param failedCallsBeforeVisit after this many calls that reach nobody, the person gets a visit
 * @param maxPhotoSize the largest visit photo accepted
 * @param visitDeadlines how long a visit may take, per urgency: overdue, it goes a level up
 *     (the village's officer → the township's → the county's queue)
 */
@ConfigurationProperties("fanzha.hotline")
public record HotlineProperties(
        @DefaultValue("3") int failedCallsBeforeVisit,
        @DefaultValue("5MB") org.springframework.util.unit.DataSize maxPhotoSize,
        @DefaultValue java.util.Map<org.fanzha.warning.Urgency, Duration> visitDeadlines) {

    public HotlineProperties {
        var deadlines = new java.util.EnumMap<org.fanzha.warning.Urgency, Duration>(org.fanzha.warning.Urgency.class);
        deadlines.put(org.fanzha.warning.Urgency.RED, Duration.ofHours(2));
        deadlines.put(org.fanzha.warning.Urgency.ORANGE, Duration.ofHours(24));
        deadlines.put(org.fanzha.warning.Urgency.YELLOW, Duration.ofHours(72));
        deadlines.putAll(visitDeadlines);
        visitDeadlines = deadlines;
    }

    public Duration visitDeadline(org.fanzha.warning.Urgency urgency) {
        return java.util.Objects.requireNonNull(visitDeadlines.get(urgency));
    }
}
