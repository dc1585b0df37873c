package org.fanzha.dispatch.internal;

import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A fitted accelerated-failure-time model: log T = margin(x) + σ·Z with Z standard normal, so the
 * probability of paying by minute t is Φ((ln t − margin) / σ). The booster predicts margins and,
 * for the reasons, each column's contribution to the margin (negative: sooner).
 */
final class Survival {

    static final NormalDistribution Z = new NormalDistribution(null, 0, 1);

    final Booster booster;
    final double sigma;
    final String version;
    /** Median minutes to payment per fraud type among those who paid, and overall ("*"). */
    final Map<String, Double> medianMinutes;
    /** Median loss per fraud type among those who paid, and overall ("*"). */
    final Map<String, Double> medianLoss;

    Survival(
            Booster booster,
            double sigma,
            String version,
            Map<String, Double> medianMinutes,
            Map<String, Double> medianLoss) {
        this.booster = booster;
        this.sigma = sigma;
        this.version = version;
        this.medianMinutes = medianMinutes;
        this.medianLoss = medianLoss;
    }

    /** P(T ≤ t) for a margin. */
    double paidBy(double margin, double minutes) {
        return Z.cumulativeProbability((Math.log(Math.max(minutes, 1e-3)) - margin) / sigma);
    }

    /** P(T ≤ elapsed + wait | T > elapsed): the person has not paid yet. */
    double paysWithin(double margin, double elapsed, double wait) {
        double before = paidBy(margin, elapsed);
        double by = paidBy(margin, elapsed + wait);
        double left = 1 - before;
        return left < 1e-9 ? by : Math.min(1, Math.max(0, (by - before) / left));
    }

    /** Margins for rows of {@link Encoding#width()} columns. */
    synchronized float[] margins(float[] rows, int n) throws XGBoostError {
        DMatrix m = new DMatrix(rows, n, Encoding.width(), Float.NaN);
        try {
            float[][] p = booster.predict(m, true);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = p[i][0];
            }
            return out;
        } finally {
            m.dispose();
        }
    }

    /** Each column's contribution to one row's margin (the last entry is the bias). */
    synchronized float[] contributions(float[] row) throws XGBoostError {
        DMatrix m = new DMatrix(row, 1, Encoding.width(), Float.NaN);
        try {
            return booster.predictContrib(m, 0)[0];
        } finally {
            m.dispose();
        }
    }
}
