package org.fanzha.dispatch.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.SignalType;
import org.fanzha.warning.WarningHistory.Features;

/**
 * A warning as the model reads it: one column per fraud type, source and signal, the urgency, the
 * hour and weekday it began (Beijing time), the longest call, the amount at risk (log10), age band,
 * sex, repeat target and the contacts attempted before the moment looked at. Missing values are NaN,
 * which the trees route on their own.
 */
final class Encoding {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What a column says, for the reasons in words. */
    enum Kind {
        FRAUD_TYPE,
        SOURCE,
        SIGNAL,
        URGENCY,
        HOUR,
        WEEKDAY,
        CALL_MINUTES,
        AMOUNT,
        AGE_BAND,
        SEX,
        REPEAT,
        ATTEMPTS
    }

    record Column(String name, Kind kind, String value) {}

    static final List<Column> COLUMNS = columns();

    private Encoding() {}

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        for (FraudType f : FraudType.values()) {
            c.add(new Column("fraud_" + f.name(), Kind.FRAUD_TYPE, f.name()));
        }
        for (Source s : Source.values()) {
            c.add(new Column("source_" + s.name(), Kind.SOURCE, s.name()));
        }
        for (SignalType s : SignalType.values()) {
            c.add(new Column("signal_" + s.name(), Kind.SIGNAL, s.name()));
        }
        c.add(new Column("urgency", Kind.URGENCY, ""));
        c.add(new Column("hour", Kind.HOUR, ""));
        c.add(new Column("weekday", Kind.WEEKDAY, ""));
        c.add(new Column("call_minutes", Kind.CALL_MINUTES, ""));
        c.add(new Column("amount_log10", Kind.AMOUNT, ""));
        c.add(new Column("age_band", Kind.AGE_BAND, ""));
        c.add(new Column("sex_male", Kind.SEX, ""));
        c.add(new Column("repeat_target", Kind.REPEAT, ""));
        c.add(new Column("attempts", Kind.ATTEMPTS, ""));
        return List.copyOf(c);
    }

    static int width() {
        return COLUMNS.size();
    }

    /** Writes the warning's row into {@code out} at {@code offset}; attempts are those before {@code at}. */
    static void encode(Features f, Instant at, float[] out, int offset) {
        int i = offset;
        for (FraudType t : FraudType.values()) {
            out[i++] = f.fraudType() == t ? 1 : 0;
        }
        for (Source s : Source.values()) {
            out[i++] = f.source() == s ? 1 : 0;
        }
        for (SignalType s : SignalType.values()) {
            out[i++] = f.signals().contains(s) ? 1 : 0;
        }
        out[i++] = switch (f.urgency()) {
            case RED -> 2;
            case ORANGE -> 1;
            case YELLOW -> 0;
        };
        ZonedDateTime began = f.firstLeadAt().atZone(CHINA);
        out[i++] = began.getHour();
        out[i++] = began.getDayOfWeek().getValue();
        out[i++] = f.callMinutes() == null ? Float.NaN : f.callMinutes();
        out[i++] = f.amountAtRisk() == null || f.amountAtRisk().signum() <= 0
                ? Float.NaN
                : (float) Math.log10(f.amountAtRisk().doubleValue());
        out[i++] = f.ageBand() == null ? Float.NaN : f.ageBand();
        out[i++] = f.sex() == null ? Float.NaN : f.sex().equals("M") ? 1 : 0;
        out[i++] = f.repeatTarget() ? 1 : 0;
        out[i] = f.attempts().stream().filter(a -> a.isBefore(at)).count();
    }

    static float[] encode(Features f, Instant at) {
        float[] row = new float[width()];
        encode(f, at, row, 0);
        return row;
    }
}
