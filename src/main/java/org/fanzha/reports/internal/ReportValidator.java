package org.fanzha.reports.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Source;
import org.fanzha.reports.ReportsProperties;
import org.fanzha.risk.RiskType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Checks a report field by field; every error is named at once and nothing is stored unless all hold. */
@Component
class ReportValidator {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000");
    static final List<String> CHANNELS = List.of("BANK_TRANSFER", "ALIPAY", "WECHAT_PAY", "CARD", "CASH_DEPOSIT");

    /** A checked report. */
    record Report(
            Source source,
            String reporterPhone,
            boolean victim,
            @Nullable FraudType fraudType,
            List<Ident> fraudster,
            List<Transfer> transfers,
            @Nullable String text) {}

    record Ident(RiskType type, String value) {}

    record Transfer(
            Instant at,
            @Nullable String fromAccount,
            String toAccount,
            String toBank,
            BigDecimal amount,
            String channel) {}

    private final ReportsProperties properties;
    private final Clock clock;

    ReportValidator(ReportsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    Report validate(ReportRequest r, Source source) {
        List<FieldError> errors = new ArrayList<>();
        String phone = mobile(r.reporterPhone(), errors);
        if (r.victim() == null) {
            errors.add(FieldError.of("victim", "error.reportVictim", null));
        }
        FraudType fraudType = null;
        if (r.fraudType() != null && !r.fraudType().isBlank()) {
            try {
                fraudType = FraudType.valueOf(r.fraudType().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("fraudType", "error.fraudTypeCode", clip(r.fraudType(), 40)));
            }
        }
        List<Ident> fraudster = new ArrayList<>();
        List<ReportRequest.@Nullable Identifier> given = r.fraudster() == null ? List.of() : r.fraudster();
        if (given.size() > properties.maxIdentifiers()) {
            errors.add(FieldError.of("fraudster", "error.reportMaxItems", given.size(), properties.maxIdentifiers()));
        } else {
            for (int i = 0; i < given.size(); i++) {
                identifier(given.get(i), "fraudster[" + i + "]", errors).ifPresent(fraudster::add);
            }
        }
        List<Transfer> transfers = new ArrayList<>();
        List<ReportRequest.@Nullable Transfer> sent = r.transfers() == null ? List.of() : r.transfers();
        if (sent.size() > properties.maxTransfers()) {
            errors.add(FieldError.of("transfers", "error.reportMaxItems", sent.size(), properties.maxTransfers()));
        } else {
            for (int i = 0; i < sent.size(); i++) {
                transfer(sent.get(i), "transfers[" + i + "]", errors).ifPresent(transfers::add);
            }
        }
        String text = r.text() == null || r.text().isBlank() ? null : r.text().strip();
        if (text != null && text.length() > 4000) {
            errors.add(FieldError.of("text", "error.maxChars", null, 4000));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Report(
                source,
                phone,
                r.victim(),
                fraudType,
                List.copyOf(new java.util.LinkedHashSet<>(fraudster)),
                List.copyOf(transfers),
                text);
    }

    /** A mainland mobile number (the one an SMS code and the warning's call go to), as its 11 digits. */
    static String mobile(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(FieldError.of("reporterPhone", "error.reportPhone", null));
            return "";
        }
        try {
            String e164 = Identifiers.normalise(IdentifierType.PHONE, raw).value();
            if (e164.matches("\\+861[3-9]\\d{9}")) {
                return e164.substring(3);
            }
        } catch (Identifiers.InvalidIdentifier e) {
            // told below
        }
        errors.add(FieldError.of("reporterPhone", "error.reportPhone", clip(raw, 30)));
        return "";
    }

    private java.util.Optional<Ident> identifier(
            ReportRequest.@Nullable Identifier id, String field, List<FieldError> errors) {
        if (id == null || id.type() == null || id.type().isBlank()) {
            errors.add(FieldError.of(field + ".type", "error.reportIdentifierType", null));
            return java.util.Optional.empty();
        }
        RiskType type = RiskType.parse(id.type()).orElse(null);
        if (type == null) {
            errors.add(FieldError.of(field + ".type", "error.reportIdentifierType", clip(id.type(), 30)));
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new Ident(
                    type,
                    Identifiers.normalise(type.identifier(), id.value() == null ? "" : id.value())
                            .value()));
        } catch (Identifiers.InvalidIdentifier e) {
            errors.add(e.at(field + ".value", id.value() == null ? null : clip(id.value(), 100)));
            return java.util.Optional.empty();
        }
    }

    private java.util.Optional<Transfer> transfer(
            ReportRequest.@Nullable Transfer t, String field, List<FieldError> errors) {
        if (t == null) {
            errors.add(FieldError.of(field, "error.required2", null));
            return java.util.Optional.empty();
        }
        int before = errors.size();
        Instant at = time(t.time(), field + ".time", errors);
        String from = t.fromAccount() == null || t.fromAccount().isBlank()
                ? null
                : account(t.fromAccount(), field + ".fromAccount", errors);
        String to = t.toAccount() == null || t.toAccount().isBlank()
                ? missing(field + ".toAccount", errors)
                : account(t.toAccount(), field + ".toAccount", errors);
        String bank = t.toBank() == null ? "" : t.toBank().strip();
        if (bank.isEmpty() || bank.length() > 100) {
            errors.add(FieldError.of(field + ".toBank", "error.reportBank", null));
        }
        BigDecimal amount = null;
        try {
            amount = new BigDecimal(t.amount() == null ? "" : t.amount().strip().replace(",", ""));
            if (amount.signum() <= 0
                    || amount.compareTo(MAX_AMOUNT) >= 0
                    || amount.stripTrailingZeros().scale() > 2) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(
                    field + ".amount", "error.reportAmount", t.amount() == null ? null : clip(t.amount(), 30)));
        }
        String channel = t.channel() == null || t.channel().isBlank()
                ? "BANK_TRANSFER"
                : t.channel().strip().toUpperCase(Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            errors.add(FieldError.of(field + ".channel", "error.oneOf", clip(t.channel(), 30), CHANNELS));
        }
        if (errors.size() > before) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Transfer(at, from, to, bank, amount.setScale(2), channel));
    }

    /** A time with its offset, or a local time of the page (Beijing time); not in the future, not years ago. */
    private @Nullable Instant time(@Nullable String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(FieldError.of(field, "error.reportTime", null));
            return null;
        }
        Instant at;
        try {
            String s = raw.strip().replace(' ', 'T');
            at = s.matches(".*([+-]\\d{2}:?\\d{2}|Z)$")
                    ? OffsetDateTime.parse(s).toInstant()
                    : LocalDateTime.parse(s).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "error.reportTime", clip(raw, 40)));
            return null;
        }
        Instant now = clock.instant();
        if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add(FieldError.of(field, "error.reportFutureTime", clip(raw, 40)));
            return null;
        }
        if (at.isBefore(now.minus(Duration.ofDays(3 * 365)))) {
            errors.add(FieldError.of(field, "error.reportOldTime", clip(raw, 40)));
            return null;
        }
        return at;
    }

    private static String account(String raw, String field, List<FieldError> errors) {
        String a = raw.replaceAll("[\\s-]", "");
        if (!a.matches("\\d{6,32}|[A-Za-z0-9@._-]{3,64}")) {
            errors.add(FieldError.of(field, "error.reportAccount", clip(raw, 40)));
        }
        return a;
    }

    private static String missing(String field, List<FieldError> errors) {
        errors.add(FieldError.of(field, "error.reportAccount", null));
        return "";
    }

    static @Nullable String clip(@Nullable String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
