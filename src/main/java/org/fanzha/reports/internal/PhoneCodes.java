package org.fanzha.reports.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.RateLimits;
import org.fanzha.reports.ReportCodeRequested;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where SMS is configured, a public report's phone is proven by a six-digit code texted to it:
 * stored as a hash for ten minutes, five tries, used once; three codes an hour per phone.
 */
@Service
class PhoneCodes {

    static final Duration VALID = Duration.ofMinutes(10);
    static final int TRIES = 5;

    private final JdbcClient jdbc;
    private final RateLimits limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final boolean required;
    private final SecureRandom random = new SecureRandom();

    PhoneCodes(
            JdbcClient jdbc,
            RateLimits limits,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${fanzha.reports.phone-codes:#{'${fanzha.contact.sms.host:}' != ''}}") boolean required) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.required = required;
    }

    /** Whether reports need a code (SMS is configured, or {@code fanzha.reports.phone-codes} says so). */
    boolean required() {
        return required;
    }

    /** Texts a code to the phone. */
    @Transactional
    void send(@Nullable String phone) {
        List<FieldError> errors = new ArrayList<>();
        String p = ReportValidator.mobile(phone, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        limits.take("report-code:" + p, 3).ifPresent(wait -> {
            throw new PublicReports.TooManyReports(wait);
        });
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM report_phone_code WHERE phone = ?").param(p).update();
        jdbc.sql("INSERT INTO report_phone_code (phone, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)")
                .params(p, PublicReports.sha256(p + ":" + code), Timestamp.from(now.plus(VALID)))
                .update();
        events.publishEvent(new ReportCodeRequested(p, code));
    }

    /** Checks and uses up the phone's code; a field error at {@code code} otherwise. */
    void check(String phone, @Nullable String code) {
        if (!required) {
            return;
        }
        String c = code == null ? "" : code.strip();
        Instant now = clock.instant();
        var row = jdbc.sql("SELECT code_hash, expires_at, attempts FROM report_phone_code WHERE phone = ? FOR UPDATE")
                .param(phone)
                .query((rs, i) ->
                        new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)})
                .optional();
        boolean ok = row.isPresent()
                && ((Instant) row.get()[1]).isAfter(now)
                && (Integer) row.get()[2] < TRIES
                && c.matches("\\d{6}")
                && java.security.MessageDigest.isEqual(
                        ((String) row.get()[0]).getBytes(),
                        PublicReports.sha256(phone + ":" + c).getBytes());
        if (ok) {
            jdbc.sql("DELETE FROM report_phone_code WHERE phone = ?")
                    .param(phone)
                    .update();
            return;
        }
        row.ifPresent(r -> jdbc.sql("UPDATE report_phone_code SET attempts = attempts + 1 WHERE phone = ?")
                .param(phone)
                .update());
        throw new InvalidInput(List.of(FieldError.of("code", "error.reportCode", null)));
    }
}
