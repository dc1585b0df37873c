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
     *
     * @param name shown next to every score
     * @param items the weighted indicators
     * @param laggingBottom the last this many units are named lagging
     * @param laggingBelow so is every unit scoring below this
     */
    public record Scheme(
            @DefaultValue("河南省反诈综合绩效考评方案（示例）") String name,
            @DefaultValue List<Item> items,
            @DefaultValue("3") int laggingBottom,
            @DefaultValue("80") BigDecimal laggingBelow) {

        /**
         * One indicator of the scheme.
         *
         * @param indicator the indicator's key (see Indicator)
         * @param weight its weight; weights need not add up to 100
         * @param direction HIGHER or LOWER is better
         * @param cap the most a ratio can count (e.g. 2: twice the mean counts as twice, three times too)
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
