package org.fanzha.performance.internal;

import org.fanzha.divisions.Division;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The day's publication of the open statistics at 08:00 Asia/Shanghai: this week's figures so far
 * for the province, its cities and their counties, computed once and kept (other periods are
 * published when first asked for).
 */
@Component
public class PublicStatsPublisher {

    private final PublicStats stats;

    PublicStatsPublisher(PublicStats stats) {
        this.stats = stats;
    }

    @Scheduled(cron = "${fanzha.performance.public-stats-cron:0 0 8 * * *}", zone = "Asia/Shanghai")
    public void publish() {
        for (Division d : stats.publishedUnits()) {
            stats.stats(null, d.code());
        }
    }
}
