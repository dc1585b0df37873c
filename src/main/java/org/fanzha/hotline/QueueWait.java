package org.fanzha.hotline;

import java.time.Duration;
import java.util.Arrays;

/**
 * How soon a call waiting now reaches its person, as the queue says: the median wait of the calls
 * its operators took in the last {@link #WINDOW} (at least {@link #AT_LEAST} of them, else the
 * fixed horizon the dispatch setting gives), plus the first minute of the call in which the person
 * is reached; never under a minute nor over four hours. The hotline's rescoring reads it per city
 * (the province desk's calls on their own), and the province-day simulator the same way.
 */
public final class QueueWait {

    public static final Duration WINDOW = Duration.ofMinutes(30);
    public static final int AT_LEAST = 3;
    private static final double MIN_SECONDS = 60;
    private static final double MAX_SECONDS = 4 * 3600;

    private QueueWait() {}

    /**
     * @param waitSeconds the waits of the calls taken within the window (the first {@code n} are read; reordered)
     * @param fallbackSeconds the horizon when too few calls were taken
     * @return seconds until the person is reached once their call is waiting
     */
    public static double horizonSeconds(double[] waitSeconds, int n, double fallbackSeconds) {
        if (n < AT_LEAST) {
            return clamp(fallbackSeconds);
        }
        Arrays.sort(waitSeconds, 0, n);
        double median = n % 2 == 1 ? waitSeconds[n / 2] : (waitSeconds[n / 2 - 1] + waitSeconds[n / 2]) / 2;
        return clamp(median + 60);
    }

    /** The queue a unit's calls wait in: its city-level unit (the first four digits), or the province desk's own. */
    public static String queueOf(String unitCode) {
        return unitCode.length() >= 4 ? unitCode.substring(0, 4) : unitCode;
    }

    private static double clamp(double seconds) {
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }
}
