package org.fanzha.dispatch.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.XGBoostJNI;
import org.fanzha.dispatch.DispatchProperties;
import org.fanzha.warning.Urgency;

/**
 * Fits the survival model with XGBoost's accelerated-failure-time objective on four fifths of the
 * closed warnings and measures it on the fifth held out (chosen by warning id, so a refit on the
 * same data holds out the same warnings): the Brier score at 15, 60 and 240 minutes (weighted for
 * censoring) and the
 * concordance, each against the rules (the share paid by then per urgency; urgency as the order).
 */
final class Fitter {

    static final double SIGMA = 1.0;
    static final double[] HORIZONS = {15, 60, 240};
    /** Pairs for the concordance are counted on at most this many held-out warnings. */
    static final int CONCORDANCE_SAMPLE = 3000;

    /** The held-out figures. */
    record Metrics(
            int outcomes,
            int trained,
            int heldOut,
            int paid,
            double[] brierModel,
            double[] brierRules,
            double concordanceModel,
            double concordanceRules,
            Map<Urgency, double[]> rulesPaidBy) {

        /** Better than the rules: more concordant, and no worse calibrated at an hour. */
        boolean beatsRules() {
            return concordanceModel > concordanceRules && brierModel[1] <= brierRules[1];
        }
    }

    record Fit(Booster booster, Metrics metrics, Map<String, Double> medianMinutes, Map<String, Double> medianLoss) {}

    private Fitter() {}

    static boolean heldOut(long warningId) {
        return Math.floorMod(warningId * 0x9E3779B97F4A7C15L >>> 33, 5) == 0;
    }

    static Fit fit(List<Example> all, DispatchProperties p) throws XGBoostError {
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (Example e : all) {
            (heldOut(e.warningId()) ? test : train).add(e);
        }
        Booster booster = train(train, p);
        Map<Urgency, double[]> rules = rulesPaidBy(train);
        Metrics m = measure(booster, train.size(), test, rules, all);
        return new Fit(booster, m, medianMinutes(all), medianLoss(all));
    }

    private static Booster train(List<Example> train, DispatchProperties p) throws XGBoostError {
        int w = Encoding.width();
        float[] x = new float[train.size() * w];
        float[] lower = new float[train.size()];
        float[] upper = new float[train.size()];
        for (int i = 0; i < train.size(); i++) {
            Example e = train.get(i);
            Encoding.encode(e.features(), e.end(), x, i * w);
            lower[i] = (float) e.lower();
            upper[i] = e.censored() ? Float.POSITIVE_INFINITY : (float) e.upper();
        }
        DMatrix d = new DMatrix(x, train.size(), w, Float.NaN);
        try {
            check(XGBoostJNI.XGDMatrixSetFloatInfo(d.getHandle(), "label_lower_bound", lower));
            check(XGBoostJNI.XGDMatrixSetFloatInfo(d.getHandle(), "label_upper_bound", upper));
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "survival:aft");
            params.put("eval_metric", "aft-nloglik");
            params.put("aft_loss_distribution", "normal");
            params.put("aft_loss_distribution_scale", SIGMA);
            params.put("tree_method", "hist");
            params.put("max_depth", p.maxDepth());
            params.put("eta", p.learningRate());
            params.put("min_child_weight", 5);
            params.put("nthread", Math.max(1, Runtime.getRuntime().availableProcessors()));
            params.put("seed", 7);
            params.put("verbosity", 0);
            return XGBoost.train(d, params, p.rounds(), new HashMap<>(), null, null);
        } finally {
            d.dispose();
        }
    }

    private static void check(int code) throws XGBoostError {
        if (code != 0) {
            throw new XGBoostError(XGBoostJNI.XGBGetLastError());
        }
    }

    /**
     * The rules' probability of paying by each horizon, per urgency: one minus the Kaplan–Meier
     * survival of the training warnings of that urgency (a payment at its latest possible time, a
     * warning reached or closed unpaid censored then), so those reached early count as long as they
     * were observed rather than being left out.
     */
    static Map<Urgency, double[]> rulesPaidBy(List<Example> train) {
        Map<Urgency, double[]> out = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            List<Example> of = train.stream().filter(e -> e.urgency() == u).toList();
            double[] ends = of.stream()
                    .mapToDouble(e -> e.censored() ? e.lower() : e.upper())
                    .sorted()
                    .toArray();
            double[] paid = of.stream()
                    .filter(e -> !e.censored())
                    .mapToDouble(Example::upper)
                    .sorted()
                    .toArray();
            double[] rates = new double[HORIZONS.length];
            for (int h = 0; h < HORIZONS.length; h++) {
                double survival = 1;
                for (int k = 0; k < paid.length && paid[k] <= HORIZONS[h]; ) {
                    double t = paid[k];
                    int d = 0;
                    while (k < paid.length && paid[k] == t) {
                        d++;
                        k++;
                    }
                    int atRisk = ends.length - lowerBound(ends, t);
                    if (atRisk > 0) {
                        survival *= 1 - (double) d / atRisk;
                    }
                }
                rates[h] = 1 - survival;
            }
            out.put(u, rates);
        }
        return out;
    }

    private static Metrics measure(
            Booster booster, int trained, List<Example> test, Map<Urgency, double[]> rules, List<Example> all)
            throws XGBoostError {
        int w = Encoding.width();
        float[] x = new float[Math.max(1, test.size()) * w];
        for (int i = 0; i < test.size(); i++) {
            Encoding.encode(test.get(i).features(), test.get(i).end(), x, i * w);
        }
        float[] margins = new float[test.size()];
        if (!test.isEmpty()) {
            Survival s = new Survival(booster, SIGMA, "", Map.of(), Map.of());
            margins = s.margins(x, test.size());
        }
        // the Brier score weighted by the inverse probability of censoring (Graf et al. 1999): a
        // warning paid by t counts at 1/G(its time), one known unpaid at t at 1/G(t), one censored
        // before t not at all, with G the Kaplan–Meier curve of the held-out warnings' censoring
        Censoring censoring = Censoring.of(test);
        double[] brierModel = new double[HORIZONS.length];
        double[] brierRules = new double[HORIZONS.length];
        for (int h = 0; h < HORIZONS.length; h++) {
            double t = HORIZONS[h];
            double sm = 0;
            double sr = 0;
            for (int i = 0; i < test.size(); i++) {
                Example e = test.get(i);
                Integer y = e.paidBy(t);
                if (y == null) {
                    continue;
                }
                double g = y == 1 ? censoring.at(e.upper(), true) : censoring.at(t, false);
                if (g <= 0) {
                    continue;
                }
                double pm = Survival.Z.cumulativeProbability((Math.log(t) - margins[i]) / SIGMA);
                double pr = rules.get(e.urgency())[h];
                sm += (pm - y) * (pm - y) / g;
                sr += (pr - y) * (pr - y) / g;
            }
            brierModel[h] = test.isEmpty() ? Double.NaN : sm / test.size();
            brierRules[h] = test.isEmpty() ? Double.NaN : sr / test.size();
        }
        double[] modelRisk = new double[test.size()];
        double[] rulesRisk = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            modelRisk[i] = -margins[i];
            rulesRisk[i] =
                    test.get(i).urgency() == Urgency.RED ? 2 : test.get(i).urgency() == Urgency.ORANGE ? 1 : 0;
        }
        int paid = (int) all.stream().filter(e -> !e.censored()).count();
        return new Metrics(
                all.size(),
                trained,
                test.size(),
                paid,
                brierModel,
                brierRules,
                concordance(test, modelRisk),
                concordance(test, rulesRisk),
                rules);
    }

    /**
     * G, the Kaplan–Meier curve of not being censored (reached or closed unpaid) by a time, over the
     * held-out warnings: at each censoring time the share of those still observed then that were
     * censored. Built once; read by binary search.
     */
    record Censoring(double[] times, double[] curve) {

        static Censoring of(List<Example> test) {
            double[] ends = test.stream()
                    .mapToDouble(e -> e.censored() ? e.lower() : e.upper())
                    .sorted()
                    .toArray();
            double[] censored = test.stream()
                    .filter(Example::censored)
                    .mapToDouble(Example::lower)
                    .sorted()
                    .toArray();
            double[] times = new double[censored.length];
            double[] curve = new double[censored.length];
            double g = 1;
            int k = 0;
            for (int i = 0; i < censored.length; ) {
                double c = censored[i];
                int d = 0;
                while (i < censored.length && censored[i] == c) {
                    d++;
                    i++;
                }
                int atRisk = ends.length - lowerBound(ends, c);
                if (atRisk > 0) {
                    g *= 1 - (double) d / atRisk;
                }
                times[k] = c;
                curve[k] = g;
                k++;
            }
            return new Censoring(java.util.Arrays.copyOf(times, k), java.util.Arrays.copyOf(curve, k));
        }

        /** G(t), or G just before t when {@code before}. */
        double at(double t, boolean before) {
            // the last censoring time at or before t (strictly before, when before)
            int n = before ? lowerBound(times, t) : upperBound(times, t);
            return n == 0 ? 1 : curve[n - 1];
        }
    }

    static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Harrell's concordance: of the pairs where one paid (by its upper time) before the other was
     * known still not to have paid, the share where the one who paid was ranked riskier (ties half).
     */
    static double concordance(List<Example> test, double[] risk) {
        int n = Math.min(test.size(), CONCORDANCE_SAMPLE);
        double concordant = 0;
        long comparable = 0;
        for (int i = 0; i < n; i++) {
            Example a = test.get(i);
            if (a.censored()) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                Example b = test.get(j);
                if (i == j || !(a.upper() < b.lower())) {
                    continue;
                }
                comparable++;
                if (risk[i] > risk[j]) {
                    concordant += 1;
                } else if (risk[i] == risk[j]) {
                    concordant += 0.5;
                }
            }
        }
        return comparable == 0 ? Double.NaN : concordant / comparable;
    }

    static Map<String, Double> medianMinutes(List<Example> all) {
        Map<String, List<Double>> by = new HashMap<>();
        for (Example e : all) {
            if (e.censored() || e.lower() != e.upper()) {
                continue;
            }
            by.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e.upper());
            by.computeIfAbsent("*", k -> new ArrayList<>()).add(e.upper());
        }
        return medians(by);
    }

    static Map<String, Double> medianLoss(List<Example> all) {
        Map<String, List<Double>> by = new HashMap<>();
        for (Example e : all) {
            if (e.censored() || e.loss() == null || e.loss().signum() <= 0) {
                continue;
            }
            by.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e.loss().doubleValue());
            by.computeIfAbsent("*", k -> new ArrayList<>()).add(e.loss().doubleValue());
        }
        return medians(by);
    }

    private static String key(Example e) {
        return e.features().fraudType() == null ? "?" : e.features().fraudType().name();
    }

    private static Map<String, Double> medians(Map<String, List<Double>> by) {
        Map<String, Double> out = new HashMap<>();
        by.forEach((k, v) -> {
            double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.put(k, a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2);
        });
        return out;
    }
}
