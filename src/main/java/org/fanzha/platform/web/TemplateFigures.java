package org.fanzha.platform.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Figures as people read them ({@code ${@fmt.yuan(r.amount())}}): money with thousands
 * separators and two decimals, rates as percentages with one decimal, durations in minutes; a
 * missing figure is a dash.
 */
@Component("fmt")
public class TemplateFigures {

    private static final String NONE = "—";

    /** 38000 as 38,000.00 (thousands grouped, two decimals). */
    public String yuan(@Nullable Number amount) {
        if (amount == null) {
            return NONE;
        }
        NumberFormat f = NumberFormat.getNumberInstance(Locale.ROOT);
        f.setGroupingUsed(true);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(amount instanceof BigDecimal b ? b : new BigDecimal(amount.toString()));
    }

    /** A ratio of 0.729 as 72.9 %. */
    public String percent(@Nullable Number ratio) {
        if (ratio == null || Double.isNaN(ratio.doubleValue())) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.1f %%", ratio.doubleValue() * 100);
    }

    /** 754 seconds as 12.6 分钟 in Chinese and 12.6 min in English. */
    public String minutes(@Nullable Number seconds, Locale locale) {
        if (seconds == null) {
            return NONE;
        }
        String n = String.format(Locale.ROOT, "%.1f", seconds.doubleValue() / 60);
        return "zh".equals(locale.getLanguage()) ? n + " 分钟" : n + " min";
    }

    /** A count with its thousands grouped. */
    public String count(@Nullable Number n) {
        return n == null ? NONE : String.format(Locale.ROOT, "%,d", n.longValue());
    }

    /**
     * An indicator's value as its kind reads: shares and rates as percentages, money in yuan,
     * per-10,000 figures with two decimals, durations in minutes, counts whole.
     */
    public String indicator(String indicator, @Nullable Number value, Locale locale) {
        if (value == null) {
            return NONE;
        }
        if (indicator.endsWith("Share") || indicator.endsWith("Rate")) {
            return percent(value);
        }
        if (indicator.endsWith("Seconds") || indicator.startsWith("meanSeconds")) {
            return minutes(value, locale);
        }
        if (indicator.endsWith("Per10k")) {
            return String.format(Locale.ROOT, "%,.2f", value.doubleValue());
        }
        if (indicator.startsWith("loss") || indicator.startsWith("amount")) {
            return yuan(value);
        }
        return count(Math.round(value.doubleValue()));
    }
}
