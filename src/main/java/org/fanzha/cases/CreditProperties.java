package org.fanzha.cases;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credit punishment ({@code fanzha.credit.*}): periods by basis and the longest continuous period,
 * as the joint punishment measures set them; the partner query rate.
 *
 * @param policeDetermination the period after a police determination
 * @param criminalConviction the period after a criminal conviction
 * @param longestContinuous never more than this in a row
 * @param checksPerMinute partner queries per token and minute
 */
@ConfigurationProperties("fanzha.credit")
public record CreditProperties(
        @DefaultValue("P2Y") Period policeDetermination,
        @DefaultValue("P3Y") Period criminalConviction,
        @DefaultValue("P5Y") Period longestContinuous,
        @DefaultValue("600") int checksPerMinute) {}
