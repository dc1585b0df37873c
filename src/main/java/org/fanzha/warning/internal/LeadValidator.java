package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.divisions.DivisionCode;
import org.fanzha.divisions.IdNumber;
import org.fanzha.divisions.PhoneNumbers;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Source;
import org.fanzha.warning.SignalType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a partner's lead into a {@link LeadInput}. Only source, source id and phone are
 * required: without them there is nobody to call. A bad optional field (an ID number with a
 * wrong check character, an unknown fraud type) is dropped and reported back as ignored, and
 * the lead is kept: a typo in an optional field must never cost a warning.
 */
@Component
class LeadValidator {

    private static final Logger log = LoggerFactory.getLogger(LeadValidator.class);
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    record Validated(LeadInput lead, List<FieldError> ignored) {}

    private final Clock clock;

    LeadValidator(Clock clock) {
        this.clock = clock;
    }

    Validated validate(LeadRequest r) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> ignored = new ArrayList<>();
        if (!r.unknown().isEmpty()) {
            log.info(
                    "Lead {}/{} carries fields we do not know, ignored: {}",
                    r.source(),
                    r.sourceId(),
                    r.unknown().keySet());
        }
        Source source = null;
        if (blank(r.source())) {
            errors.add(FieldError.of("source", "error.requiredOneOf", null, List.of(Source.values())));
        } else {
            try {
                source = Source.valueOf(r.source().strip());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("source", "error.oneOf", clip(r.source()), List.of(Source.values())));
            }
        }
        String sourceId = r.sourceId() == null ? "" : r.sourceId().strip();
        if (sourceId.isEmpty() || sourceId.length() > 100 || sourceId.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("sourceId", "error.requiredSourceOwnId1100", clip(r.sourceId())));
        }
        String phone = null;
        if (blank(r.phone())) {
            errors.add(new FieldError("phone", "error.requiredPotentialVictimPhone", null));
        } else {
            try {
                phone = PhoneNumbers.normalise("phone", r.phone());
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String idNumber = null;
        if (!blank(r.idNumber())) {
            try {
                idNumber = new IdNumber(r.idNumber()).value();
            } catch (InvalidInput e) {
                ignored.addAll(e.errors());
            }
        }
        String name = optionalText("name", r.name(), 50, ignored);
        String address = optionalText("address", r.address(), 200, ignored);
        String divisionCode = null;
        if (!blank(r.divisionCode())) {
            try {
                divisionCode = DivisionCode.of(r.divisionCode()).value();
            } catch (InvalidInput e) {
                ignored.add(new FieldError("divisionCode", "error.notDivisionCode", clip(r.divisionCode())));
            }
        }
        FraudType fraudType = null;
        if (!blank(r.fraudType())) {
            try {
                fraudType = FraudType.valueOf(r.fraudType().strip());
            } catch (IllegalArgumentException e) {
                ignored.add(
                        FieldError.of("fraudType", "error.oneOf", clip(r.fraudType()), List.of(FraudType.values())));
            }
        }
        List<LeadInput.Signal> signals = new ArrayList<>();
        List<LeadRequest.SignalRequest> given = r.signals() == null ? List.of() : r.signals();
        for (int i = 0; i < given.size() && i < 50; i++) {
            signal(given.get(i), "signals[" + i + "]", ignored).ifPresent(signals::add);
        }
        BigDecimal amount = amount("amountAtRisk", r.amountAtRisk(), ignored);
        Instant observedAt = observedAt(r.observedAt(), ignored);
        LeadInput lead = new LeadInput(
                source,
                sourceId,
                phone,
                idNumber,
                name,
                address,
                divisionCode,
                fraudType,
                List.copyOf(signals),
                amount,
                observedAt);
        return new Validated(lead, ignored);
    }

    private java.util.Optional<LeadInput.Signal> signal(
            LeadRequest.SignalRequest s, String field, List<FieldError> ignored) {
        if (s == null || blank(s.type())) {
            ignored.add(new FieldError(field + ".type", "error.required2", null));
            return java.util.Optional.empty();
        }
        SignalType type;
        try {
            type = SignalType.valueOf(s.type().strip());
        } catch (IllegalArgumentException e) {
            ignored.add(FieldError.of(field + ".type", "error.oneOf", clip(s.type()), List.of(SignalType.values())));
            return java.util.Optional.empty();
        }
        Integer minutes = null;
        if (s.minutes() != null) {
            try {
                minutes = Integer.valueOf(s.minutes().toString().strip());
                if (minutes < 0 || minutes > 100_000) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                ignored.add(new FieldError(
                        field + ".minutes",
                        "error.wholeMinutes0More",
                        clip(s.minutes().toString())));
                minutes = null;
            }
        }
        return java.util.Optional.of(new LeadInput.Signal(
                type,
                text(s.counterpart(), 50),
                minutes,
                text(s.account(), 60),
                amount(field + ".amount", s.amount(), ignored),
                text(s.url(), 2000),
                text(s.app(), 200)));
    }

    private @Nullable BigDecimal amount(String field, @Nullable Object raw, List<FieldError> ignored) {
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(raw.toString().strip());
            if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) >= 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return amount;
        } catch (NumberFormatException e) {
            ignored.add(new FieldError(field, "error.amountInYuan0MoreAt", clip(raw.toString())));
            return null;
        }
    }

    private Instant observedAt(@Nullable String raw, List<FieldError> ignored) {
        Instant now = clock.instant();
        if (blank(raw)) {
            return now;
        }
        try {
            Instant at = OffsetDateTime.parse(raw.strip()).toInstant();
            if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
                ignored.add(new FieldError("observedAt", "error.inFutureTimeReceiptUsed", clip(raw)));
                return now;
            }
            return at;
        } catch (DateTimeParseException e) {
            ignored.add(new FieldError("observedAt", "error.iso8601TimeWithOffsetE", clip(raw)));
            return now;
        }
    }

    private static @Nullable String optionalText(
            String field, @Nullable String raw, int max, List<FieldError> ignored) {
        if (blank(raw)) {
            return null;
        }
        String text = raw.strip();
        if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            ignored.add(FieldError.of(field, "error.maxPrintable", null, max));
            return null;
        }
        return text;
    }

    private static @Nullable String text(@Nullable String raw, int max) {
        if (blank(raw)) {
            return null;
        }
        String text = raw.strip();
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null ? null : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
