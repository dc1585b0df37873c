package org.fanzha.staff.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.RateLimits;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * 身份核验: someone called by a "police officer" checks the police number and the name they were
 * given. The answer is whether such an officer exists and the name of their unit — nothing more
 * (no phone, no other officer). Limited per address in the database; each day's checks are
 * counted, never who asked.
 */
@Controller
class OfficerCheck {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The answer: {@code exists}, and the unit's name when it does. */
    record Answer(boolean exists, @Nullable String unit) {}

    static class TooManyChecks extends ProblemException {
        TooManyChecks(java.time.Duration wait) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-checks",
                    "problem.tooManyChecks.title",
                    "problem.tooManyChecks.detail",
                    Map.of("retryAfter", Math.max(1, wait.toSeconds())));
            getHeaders().set("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
        }
    }

    private final StaffAccounts accounts;
    private final Divisions divisions;
    private final RateLimits limits;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int perHour;

    OfficerCheck(
            StaffAccounts accounts,
            Divisions divisions,
            RateLimits limits,
            JdbcClient jdbc,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${fanzha.officer-check.per-address-per-hour:30}")
                    int perHour) {
        this.accounts = accounts;
        this.divisions = divisions;
        this.limits = limits;
        this.jdbc = jdbc;
        this.clock = clock;
        this.perHour = perHour;
    }

    @GetMapping("/api/v1/public/officers/check")
    @ResponseBody
    Answer api(
            @RequestParam(required = false) @Nullable String number,
            @RequestParam(required = false) @Nullable String name,
            HttpServletRequest request) {
        return check(number, name, request.getRemoteAddr());
    }

    @GetMapping("/public/check")
    String page(
            @RequestParam(required = false) @Nullable String number,
            @RequestParam(required = false) @Nullable String name,
            HttpServletRequest request,
            Model model) {
        if (number != null || name != null) {
            model.addAttribute("number", number == null ? "" : number);
            model.addAttribute("name", name == null ? "" : name);
            try {
                model.addAttribute("answer", check(number, name, request.getRemoteAddr()));
            } catch (InvalidInput e) {
                model.addAttribute(
                        "errors", e.fieldMessages(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            } catch (TooManyChecks e) {
                model.addAttribute("limited", true);
            }
        }
        return "public/check";
    }

    Answer check(@Nullable String number, @Nullable String name, String address) {
        limits.take("officer-check:" + address, perHour).ifPresent(wait -> {
            throw new TooManyChecks(wait);
        });
        String n = number == null ? "" : number.strip();
        String who = name == null ? "" : name.strip();
        java.util.List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
        if (!n.matches("\\d{6,8}")) {
            errors.add(org.fanzha.platform.FieldError.of("number", "error.policeNumber", n.length() > 20 ? null : n));
        }
        if (who.isEmpty() || who.length() > 50) {
            errors.add(org.fanzha.platform.FieldError.of("name", "error.officerName", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var officer =
                accounts.officer(n).filter(o -> o.enabled() && o.displayName().equals(who));
        count(officer.isPresent());
        return officer.map(o -> new Answer(true, unitName(o.unitCode()))).orElse(new Answer(false, null));
    }

    /** The unit's name as people know it: the county's, city's or province's public security bureau. */
    private String unitName(String code) {
        String division = divisions.find(code).map(Division::name).orElse(code);
        return division + "公安" + (code.length() == 2 ? "厅" : code.length() == 4 ? "局" : "分局");
    }

    private void count(boolean matched) {
        String outcome = matched ? "MATCHED" : "NOT_FOUND";
        Date day = Date.valueOf(LocalDate.now(clock.withZone(CHINA)));
        int updated = jdbc.sql("UPDATE officer_check_day SET checks = checks + 1 WHERE check_day = ? AND outcome = ?")
                .params(day, outcome)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO officer_check_day (check_day, outcome, checks) VALUES (?, ?, 1)")
                        .params(day, outcome)
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException race) {
                jdbc.sql("UPDATE officer_check_day SET checks = checks + 1 WHERE check_day = ? AND outcome = ?")
                        .params(day, outcome)
                        .update();
            }
        }
    }
}
