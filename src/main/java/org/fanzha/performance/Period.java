package org.fanzha.performance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of evaluation: a day ({@code 2021-06-01}), an ISO week ({@code 2021-W22}), a month
 * ({@code 2021-05}), a quarter ({@code 2021-Q2}), a year ({@code 2021}) or a range of days
 * ({@code 2021-05-03..2021-05-16}), from and to inclusive.
 */
public record Period(Kind kind, String label, LocalDate from, LocalDate to) {

    /** The kinds of period. */
    public enum Kind {
        DAY,
        WEEK,
        MONTH,
        QUARTER,
        YEAR,
        RANGE
    }

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    /** At most this many days in a range (ten years). */
    public static final int MAX_DAYS = 3660;

    /**
     * The period a label names.
     *
     * @throws IllegalArgumentException with a readable reason
     */
    public static Period parse(String label) {
        Period period = parseAny(label);
        // an absurd period (1900-01, 9999) is a typo, not a question: refused with the range asked for
        if (period.from().getYear() < MIN_YEAR
                || period.to().getYear() > LocalDate.now().getYear() + 1) {
            throw new IllegalArgumentException("a period between " + MIN_YEAR + " and next year");
        }
        return period;
    }

    /** The first year a period may name: the platform's data begin after it. */
    public static final int MIN_YEAR = 2000;

    private static Period parseAny(String label) {
        String s = label.strip();
        try {
            Matcher m;
            if ((m = WEEK.matcher(s)).matches()) {
                return week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = QUARTER.matcher(s)).matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if (MONTH.matcher(s).matches()) {
                return month(YearMonth.parse(s));
            }
            if (YEAR.matcher(s).matches()) {
                return year(Integer.parseInt(s));
            }
            if (DAY.matcher(s).matches()) {
                return day(LocalDate.parse(s));
            }
            if ((m = RANGE.matcher(s)).matches()) {
                return range(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + e.getParsedString());
        }
        throw new IllegalArgumentException(
                "a period is a day (2021-06-01), ISO week (2021-W22), month (2021-05), quarter (2021-Q2), year (2021)"
                        + " or range (2021-05-03..2021-05-16)");
    }

    public static Period day(LocalDate d) {
        return new Period(Kind.DAY, d.toString(), d, d);
    }

    public static Period week(int weekYear, int week) {
        LocalDate jan4 = LocalDate.of(weekYear, 1, 4);
        int weeks = LocalDate.of(weekYear, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(weekYear + " has ISO weeks 1 to " + weeks);
        }
        LocalDate monday =
                jan4.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(week - 1L);
        return new Period(Kind.WEEK, "%d-W%02d".formatted(weekYear, week), monday, monday.plusDays(6));
    }

    /** The ISO week of a day. */
    public static Period weekOf(LocalDate d) {
        return week(d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static Period month(YearMonth m) {
        return new Period(Kind.MONTH, m.toString(), m.atDay(1), m.atEndOfMonth());
    }

    public static Period quarter(int year, int q) {
        LocalDate from = LocalDate.of(year, (q - 1) * 3 + 1, 1);
        return new Period(
                Kind.QUARTER, year + "-Q" + q, from, from.plusMonths(3).minusDays(1));
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period range(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a range is at most " + MAX_DAYS + " days");
        }
        return new Period(Kind.RANGE, from + ".." + to, from, to);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The period before (环比): the previous week, month …; for a range the same number of days before. */
    public Period previous() {
        return switch (kind) {
            case DAY -> day(from.minusDays(1));
            case WEEK -> weekOf(from.minusWeeks(1));
            case MONTH -> month(YearMonth.from(from).minusMonths(1));
            case QUARTER ->
                quarter(from.minusMonths(3).getYear(), (from.minusMonths(3).getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(from.getYear() - 1);
            case RANGE -> range(from.minusDays(days()), from.minusDays(1));
        };
    }

    /** The same period a year before (同比): for a week, the same ISO week number of the year before. */
    public Period yearBefore() {
        return switch (kind) {
            case DAY -> day(from.minusYears(1));
            case WEEK -> {
                int y = from.get(IsoFields.WEEK_BASED_YEAR) - 1;
                int w = from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                int last = LocalDate.of(y, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                yield week(y, Math.min(w, last));
            }
            case MONTH -> month(YearMonth.from(from).minusYears(1));
            case QUARTER -> quarter(from.getYear() - 1, (from.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(from.getYear() - 1);
            case RANGE -> range(from.minusYears(1), to.minusYears(1));
        };
    }
}
