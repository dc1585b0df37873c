package org.fanzha.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The duty roster of a unit: commanders of the jurisdiction set who is on duty each day. */
@RestController
@RequestMapping("/api/v1/duty-roster")
class DutyRosterController {

    private final DutyRoster roster;
    private final StaffAccounts accounts;
    private final Divisions divisions;
    private final AuditLog audit;

    DutyRosterController(DutyRoster roster, StaffAccounts accounts, Divisions divisions, AuditLog audit) {
        this.roster = roster;
        this.accounts = accounts;
        this.divisions = divisions;
        this.audit = audit;
    }

    record Day(@NotNull @Size(max = 20) List<@NotNull @Size(max = 32) String> staff) {}

    @GetMapping("/{unit}")
    List<DutyRoster.Entry> roster(
            @PathVariable String unit,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_READ);
        String code = unit(actor, unit);
        if (to.isBefore(from) || from.plusDays(92).isBefore(to)) {
            throw new InvalidInput("to", "error.onAfterFromAtMost92", to);
        }
        return roster.between(code, from, to);
    }

    @PutMapping("/{unit}/{day}")
    @Transactional
    List<DutyRoster.Entry> set(
            @PathVariable String unit,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @Valid @RequestBody Day request) {
        Actor actor = Actors.requirePermission(Permission.WARNINGS_ASSIGN);
        String code = unit(actor, unit);
        List<Long> ids = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (String username : request.staff()) {
            var account = accounts.byUsername(username).filter(a -> a.unitCode().equals(code) && a.enabled());
            if (account.isEmpty()) {
                errors.add(FieldError.of("staff", "error.noActiveAccountOfUnit", username, code));
            } else {
                ids.add(account.get().id());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        roster.replace(code, day, ids);
        audit.record("UPDATE", "duty-roster", code + "/" + day, "on duty: " + request.staff());
        return roster.between(code, day, day);
    }

    private String unit(Actor actor, String raw) {
        try {
            String code = divisions.get(raw).code();
            if (!actor.covers(code)) {
                throw new InvalidInput("unit", "error.unitWithinYourJurisdiction", raw);
            }
            return code;
        } catch (org.fanzha.divisions.DivisionNotFound e) {
            throw new InvalidInput("unit", "error.noSuchUnit", raw.length() > 20 ? null : raw);
        }
    }
}
