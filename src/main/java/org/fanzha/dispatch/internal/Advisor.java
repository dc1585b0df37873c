package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fanzha.dispatch.DispatchProperties;
import org.fanzha.platform.Texts;
import org.fanzha.warning.DispatchAdvice;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * For an open warning: the probability the person pays before they can be reached — the model's
 * chance of paying within the reach time given they have not paid since the first sign; under the
 * rules, the share of that urgency that paid within 15 minutes — the expected loss, and the three
 * reasons that weigh most in words.
 */
@Service
public class Advisor implements DispatchAdvice {

    private static final Logger log = LoggerFactory.getLogger(Advisor.class);
    /** Stated assumptions while there is no history: the share paying within 15 minutes per urgency. */
    static final Map<Urgency, Double> ASSUMED = Map.of(Urgency.RED, 0.30, Urgency.ORANGE, 0.10, Urgency.YELLOW, 0.03);

    private final Models models;
    private final WarningHistory history;
    private final DispatchProperties properties;
    private final Clock clock;

    Advisor(Models models, WarningHistory history, DispatchProperties properties, Clock clock) {
        this.models = models;
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Optional<Advice> advise(long warningId, Locale locale) {
        return history.open(warningId).map(f -> advise(f, locale, true));
    }

    @Override
    public String deciding() {
        return properties.policy() == DispatchProperties.Policy.EXPECTED_LOSS && models.loaded() != null
                ? "EXPECTED_LOSS"
                : "RULES";
    }

    @Override
    public Map<Long, Advice> adviseAll(java.util.Collection<Long> warningIds, Map<Long, java.time.Duration> reachIn) {
        Map<Long, Advice> out = new java.util.HashMap<>();
        List<WarningHistory.Features> open =
                new ArrayList<>(history.open(warningIds).values());
        Models.Loaded m = models.loaded();
        if (open.isEmpty()) {
            return out;
        }
        if (properties.policy() == DispatchProperties.Policy.EXPECTED_LOSS && m != null) {
            Instant now = clock.instant();
            float[] rows = new float[open.size() * Encoding.width()];
            for (int i = 0; i < open.size(); i++) {
                Encoding.encode(open.get(i), now, rows, i * Encoding.width());
            }
            try {
                float[] margins = m.survival().margins(rows, open.size());
                for (int i = 0; i < open.size(); i++) {
                    WarningHistory.Features f = open.get(i);
                    double wait = reachIn.getOrDefault(f.warningId(), properties.reachWithin())
                                    .toSeconds()
                            / 60.0;
                    double elapsed = Math.max(Example.SOON, Example.minutes(f.firstLeadAt(), now));
                    double p = round(m.survival().paysWithin(margins[i], elapsed, wait));
                    out.put(
                            f.warningId(),
                            new Advice("EXPECTED_LOSS", p, loss(p, f, m.survival()), List.of(), m.survival().version));
                }
                return out;
            } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
                log.warn(
                        "Dispatch: {} warnings scored by the rules, the model failed: {}", open.size(), e.getMessage());
            }
        }
        for (WarningHistory.Features f : open) {
            out.put(f.warningId(), advise(f, Locale.SIMPLIFIED_CHINESE, false));
        }
        return out;
    }

    /** The advice for one open warning; reasons in words only when asked (they cost a contribution pass). */
    public Advice advise(WarningHistory.Features f, Locale locale, boolean reasons) {
        Models.Loaded m = models.loaded();
        Instant now = clock.instant();
        double elapsed = Math.max(Example.SOON, Example.minutes(f.firstLeadAt(), now));
        double wait = properties.reachWithin().toSeconds() / 60.0;
        if (properties.policy() == DispatchProperties.Policy.EXPECTED_LOSS && m != null) {
            try {
                float[] row = Encoding.encode(f, now);
                double margin = m.survival().margins(row, 1)[0];
                // the loss is that of the probability as shown, so the two agree on the page
                double p = round(m.survival().paysWithin(margin, elapsed, wait));
                List<String> factors = reasons ? reasons(m.survival(), f, row, locale) : List.of();
                return new Advice("EXPECTED_LOSS", p, loss(p, f, m.survival()), factors, m.survival().version);
            } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
                log.warn(
                        "Dispatch: warning {} scored by the rules, the model failed: {}",
                        f.warningId(),
                        e.getMessage());
            }
        }
        double p = round(rulesShare(f.urgency()));
        List<String> factors = !reasons
                ? List.of()
                : List.of(Texts.resolve(
                        "dispatch.factor.rule",
                        List.of(
                                Texts.resolve("urgency." + f.urgency().name(), List.of(), locale),
                                Texts.resolve("urgency.rule." + f.urgencyRule(), List.of(), locale)),
                        locale));
        return new Advice("RULES", p, loss(p, f, m == null ? null : m.survival()), factors, null);
    }

    /** The share of warnings of the urgency paid within 15 minutes in the newest fit's history, else the stated assumption. */
    double rulesShare(Urgency u) {
        Models.Calibration c = models.latest();
        if (c != null && c.rulesPaidBy().containsKey(u) && c.outcomes() >= Models.TOO_FEW_TO_FIT) {
            return c.rulesPaidBy().get(u).get(0);
        }
        return ASSUMED.get(u);
    }

    private String loss(double p, WarningHistory.Features f, @Nullable Survival s) {
        BigDecimal at;
        if (f.amountAtRisk() != null && f.amountAtRisk().signum() > 0) {
            at = f.amountAtRisk();
        } else {
            Double median = s == null
                    ? null
                    : s.medianLoss.getOrDefault(
                            f.fraudType() == null ? "?" : f.fraudType().name(), s.medianLoss.get("*"));
            at = median == null ? properties.defaultLoss() : BigDecimal.valueOf(median);
        }
        return at.multiply(BigDecimal.valueOf(p))
                .setScale(2, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static double round(double p) {
        return Math.round(p * 100) / 100.0;
    }

    /** The columns that bring the payment soonest, said as an officer would say them. */
    private List<String> reasons(Survival s, WarningHistory.Features f, float[] row, Locale locale)
            throws ml.dmlc.xgboost4j.java.XGBoostError {
        float[] contrib = s.contributions(row);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < Encoding.width(); i++) {
            Encoding.Column c = Encoding.COLUMNS.get(i);
            boolean oneHot = c.kind() == Encoding.Kind.FRAUD_TYPE
                    || c.kind() == Encoding.Kind.SOURCE
                    || c.kind() == Encoding.Kind.SIGNAL;
            // a column says something about this person when it holds a value (one-hot: when it is theirs)
            if (Float.isNaN(row[i]) || (oneHot && row[i] == 0) || contrib[i] == 0) {
                continue;
            }
            order.add(i);
        }
        // sooner first (a negative contribution shortens the time to payment)
        order.sort(Comparator.comparingDouble(i -> contrib[i]));
        List<String> out = new ArrayList<>();
        for (int i : order) {
            if (out.size() == 3) {
                break;
            }
            out.add(words(Encoding.COLUMNS.get(i), row[i], f, s, locale));
        }
        return out;
    }

    static String words(Encoding.Column c, float v, WarningHistory.Features f, Survival s, Locale locale) {
        return switch (c.kind()) {
            case FRAUD_TYPE -> {
                Double median = s.medianMinutes.get(c.value());
                String type = Texts.resolve("fraud." + c.value(), List.of(), locale);
                yield median == null
                        ? Texts.resolve("dispatch.factor.fraudType", List.of(type), locale)
                        : Texts.resolve("dispatch.factor.fraudTypeMedian", List.of(type, Math.round(median)), locale);
            }
            case SOURCE ->
                Texts.resolve(
                        "dispatch.factor.source",
                        List.of(Texts.resolve("source." + c.value(), List.of(), locale)),
                        locale);
            case SIGNAL -> Texts.resolve("signal." + c.value(), List.of(), locale);
            case URGENCY ->
                Texts.resolve(
                        "dispatch.factor.urgency",
                        List.of(Texts.resolve("urgency." + f.urgency().name(), List.of(), locale)),
                        locale);
            case HOUR -> Texts.resolve("dispatch.factor.hour", List.of((int) v), locale);
            case WEEKDAY ->
                Texts.resolve(
                        "dispatch.factor.weekday",
                        List.of(DayOfWeek.of((int) v).getDisplayName(TextStyle.FULL, locale)),
                        locale);
            case CALL_MINUTES -> Texts.resolve("dispatch.factor.callMinutes", List.of((int) v), locale);
            case AMOUNT ->
                Texts.resolve(
                        "dispatch.factor.amount",
                        List.of(f.amountAtRisk() == null ? "" : f.amountAtRisk().toPlainString()),
                        locale);
            case AGE_BAND -> Texts.resolve("dispatch.factor.ageBand", List.of((int) v * 10, (int) v * 10 + 9), locale);
            case SEX -> Texts.resolve(v == 1 ? "dispatch.factor.male" : "dispatch.factor.female", List.of(), locale);
            case REPEAT ->
                Texts.resolve(v == 1 ? "dispatch.factor.repeat" : "dispatch.factor.firstTime", List.of(), locale);
            case ATTEMPTS -> Texts.resolve("dispatch.factor.attempts", List.of((int) v), locale);
        };
    }
}
