package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.fanzha.dispatch.DispatchProperties;
import org.fanzha.funds.VictimTransfers;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model in charge on this instance, and its refits. A refit reads the closed warnings of the
 * training window (with the victims' first transfers), fits, measures on the held-out fifth and
 * stores a new version, qualified when it learned from enough outcomes and beats the rules; every
 * instance loads the newest qualified version within a minute. One refit runs at a time across
 * instances (nightly, or on demand by an administrator).
 */
@Component
public class Models {

    private static final Logger log = LoggerFactory.getLogger(Models.class);
    static final int BATCH = 5000;
    /** Fewer closed warnings than this: nothing is fitted, the attempt is recorded. */
    static final int TOO_FEW_TO_FIT = 50;

    /** The calibration as stored and shown: absent figures where nothing could be measured. */
    record Calibration(
            int outcomes,
            int trained,
            int heldOut,
            int paid,
            List<@Nullable Double> brierModel,
            List<@Nullable Double> brierRules,
            @Nullable Double concordanceModel,
            @Nullable Double concordanceRules,
            Map<Urgency, List<Double>> rulesPaidBy) {}

    record Medians(Map<String, Double> minutes, Map<String, Double> loss) {}

    /** The model in charge, with what it was measured at. */
    record Loaded(Survival survival, ModelStore.Version version, Calibration calibration) {}

    private final ModelStore store;
    private final WarningHistory history;
    private final VictimTransfers transfers;
    private final DispatchProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    private volatile @Nullable Loaded loaded;
    private volatile @Nullable String loadError;
    private volatile @Nullable Calibration latestRules;

    Models(
            ModelStore store,
            WarningHistory history,
            VictimTransfers transfers,
            DispatchProperties properties,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.history = history;
        this.transfers = transfers;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Nullable
    Loaded loaded() {
        return loaded;
    }

    @Nullable
    String loadError() {
        return loadError;
    }

    /** The rules' shares paid by 15, 60 and 240 minutes per urgency, from the newest fit (qualified or not). */
    @Nullable
    Calibration latest() {
        return latestRules;
    }

    Calibration calibration(ModelStore.Version v) {
        return json.readValue(v.metrics(), Calibration.class);
    }

    /** Takes the newest qualified version into use when it is not in use yet; a model that does not load leaves the rules in charge. */
    @Scheduled(
            fixedDelayString = "${fanzha.dispatch.reload-every:60s}",
            initialDelayString = "${fanzha.dispatch.reload-first:5s}")
    public void refresh() {
        store.recent(1).stream().findFirst().ifPresent(v -> latestRules = calibration(v));
        var newest = store.newestQualified().orElse(null);
        Loaded current = loaded;
        if (newest == null || (current != null && current.version().id() == newest.id())) {
            return;
        }
        try {
            byte[] bytes = store.model(newest.id()).orElseThrow(() -> new IllegalStateException("no model stored"));
            Booster booster = XGBoost.loadModel(bytes);
            Medians medians = json.readValue(newest.medians(), Medians.class);
            loaded = new Loaded(
                    new Survival(booster, Fitter.SIGMA, newest.version(), medians.minutes(), medians.loss()),
                    newest,
                    calibration(newest));
            loadError = null;
            log.info("Dispatch: model {} in charge ({} outcomes)", newest.version(), newest.outcomes());
        } catch (Exception | UnsatisfiedLinkError e) {
            loadError = newest.version() + ": " + e.getMessage();
            log.error(
                    "Dispatch: model {} does not load, the rules stay in charge: {}", newest.version(), e.getMessage());
        }
    }

    @Scheduled(cron = "${fanzha.dispatch.refit-cron:0 40 2 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        refit("system:nightly");
    }

    /** Fits a new version now, unless another refit is running (then empty). */
    public java.util.Optional<ModelStore.Version> refit(String by) {
        Instant started = clock.instant();
        if (!store.claim(started, Duration.ofHours(2))) {
            return java.util.Optional.empty();
        }
        try {
            ModelStore.Version v = fitAndStore(by, started);
            refresh();
            return java.util.Optional.of(v);
        } finally {
            store.release();
        }
    }

    private ModelStore.Version fitAndStore(String by, Instant started) {
        List<Example> examples = examples(started.minus(properties.trainingWindow()));
        String version = "aft-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneId.of("Asia/Shanghai"))
                        .format(started) + "-" + examples.size();
        if (examples.size() < TOO_FEW_TO_FIT) {
            return save(
                    version,
                    by,
                    started,
                    examples.size(),
                    false,
                    "too few closed warnings to fit (" + examples.size() + ")",
                    emptyCalibration(examples),
                    new Medians(Map.of(), Map.of()),
                    null);
        }
        try {
            Fitter.Fit fit = Fitter.fit(examples, properties);
            Fitter.Metrics m = fit.metrics();
            boolean enough = examples.size() >= properties.minOutcomes();
            boolean better = m.beatsRules();
            String reason = !enough
                    ? "fewer outcomes than " + properties.minOutcomes() + " (" + examples.size() + "): the rules decide"
                    : better
                            ? "qualified: beats the rules on held-out warnings"
                            : "no better than the rules on held-out warnings: the rules decide";
            byte[] bytes = fit.booster().toByteArray("ubj");
            fit.booster().dispose();
            return save(
                    version,
                    by,
                    started,
                    examples.size(),
                    enough && better,
                    reason,
                    calibration(m),
                    new Medians(fit.medianMinutes(), fit.medianLoss()),
                    bytes);
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            log.error("Dispatch: refit failed: {}", e.getMessage());
            return save(
                    version,
                    by,
                    started,
                    examples.size(),
                    false,
                    "fit failed: " + clip(e.getMessage()),
                    emptyCalibration(examples),
                    new Medians(Map.of(), Map.of()),
                    null);
        }
    }

    private ModelStore.Version save(
            String version,
            String by,
            Instant started,
            int outcomes,
            boolean qualified,
            String reason,
            Calibration calibration,
            Medians medians,
            byte @Nullable [] model) {
        BigDecimal seconds = BigDecimal.valueOf(
                        Duration.between(started, clock.instant()).toMillis())
                .divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP);
        ModelStore.Version v = new ModelStore.Version(
                0,
                version,
                started,
                by,
                outcomes,
                qualified,
                reason,
                json.writeValueAsString(calibration),
                json.writeValueAsString(medians),
                seconds);
        store.save(v, model);
        log.info("Dispatch: fitted {} on {} closed warnings in {} s: {}", version, outcomes, seconds, reason);
        return store.recent(1).get(0);
    }

    /** The closed warnings of the window as observations (the newest {@code maxTraining}). */
    List<Example> examples(Instant since) {
        ArrayDeque<Example> out = new ArrayDeque<>();
        long after = 0;
        List<WarningHistory.Closed> batch;
        do {
            batch = history.closed(since, after, BATCH);
            List<Long> paid = batch.stream()
                    .filter(c -> c.outcome() == Outcome.ALREADY_DEFRAUDED)
                    .map(c -> c.features().warningId())
                    .toList();
            Map<Long, Instant> first = transfers.firstByWarning(paid);
            for (WarningHistory.Closed c : batch) {
                after = c.features().warningId();
                Example e = Example.of(c, first.get(after));
                if (e != null) {
                    out.addLast(e);
                    if (out.size() > properties.maxTraining()) {
                        out.removeFirst();
                    }
                }
            }
        } while (batch.size() == BATCH);
        return new ArrayList<>(out);
    }

    private static Calibration calibration(Fitter.Metrics m) {
        Map<Urgency, List<Double>> rules = new EnumMap<>(Urgency.class);
        m.rulesPaidBy()
                .forEach((u, r) ->
                        rules.put(u, java.util.Arrays.stream(r).boxed().toList()));
        return new Calibration(
                m.outcomes(),
                m.trained(),
                m.heldOut(),
                m.paid(),
                boxed(m.brierModel()),
                boxed(m.brierRules()),
                finite(m.concordanceModel()),
                finite(m.concordanceRules()),
                rules);
    }

    private static Calibration emptyCalibration(List<Example> examples) {
        Map<Urgency, List<Double>> rules = new EnumMap<>(Urgency.class);
        Fitter.rulesPaidBy(examples)
                .forEach((u, r) ->
                        rules.put(u, java.util.Arrays.stream(r).boxed().toList()));
        int paid = (int) examples.stream().filter(e -> !e.censored()).count();
        return new Calibration(examples.size(), 0, 0, paid, List.of(), List.of(), null, null, rules);
    }

    private static List<@Nullable Double> boxed(double[] a) {
        List<@Nullable Double> out = new ArrayList<>();
        for (double d : a) {
            out.add(finite(d));
        }
        return out;
    }

    private static @Nullable Double finite(double d) {
        return Double.isFinite(d) ? Math.round(d * 10_000) / 10_000.0 : null;
    }

    private static String clip(@Nullable String s) {
        return s == null ? "" : s.length() > 150 ? s.substring(0, 150) : s;
    }
}
