package org.fanzha.performance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Performance evaluation ({@code fanzha.performance.*}).
 *
 * @param refreshInterval how often the totals catch up with new facts (and the dashboard can move)
 * @param refreshMargin how far back each catch-up looks, for transactions that commit late
 * @param population residents per unit for per-capita figures (default: Henan's 2020 census, per city)
 * @param scheme the scoring scheme in force
 */
@ConfigurationProperties("fanzha.performance")
public record PerformanceProperties(
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("2m") Duration refreshMargin,
        @DefaultValue Map<String, Long> population,
        @DefaultValue Scheme scheme) {

    /**
     * A scoring scheme (考评方案): a weighted sum of indicators, each normalised against the mean of
     * the units ranked together (ratio value / mean; for lower-is-better 2 - ratio), kept between 0
     * and the cap; 100 is a unit that is average on every indicator. Adjustments are added after.
     * Its name is shown next to every score; the last laggingBottom units, and every unit scoring
     * below laggingBelow, are named lagging.
     */
    public record Scheme(
            @DefaultValue("河南省反诈综合绩效考评方案（示例）") String name,
            @DefaultValue List<Item> items,
            @DefaultValue("3") int laggingBottom,
            @DefaultValue("80") BigDecimal laggingBelow) {

        /**
         * One indicator of the scheme: its key (see Indicator), its weight (weights need not add
         * up to 100), whether HIGHER or LOWER is better, and the cap: the most a part can count
         * (with 2, three times the mean counts as twice).
         */
        public record Item(
                String indicator,
                BigDecimal weight,
                Direction direction,
                @DefaultValue("2") BigDecimal cap) {}
    }

    /** Whether more of an indicator is better or worse. */
    public enum Direction {
        HIGHER,
        LOWER
    }
}
