package org.fanzha.cases.internal;

import java.time.LocalDate;
import java.util.List;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 失信惩戒: proposals, approval, notice, appeal, lifting, and the check banks and operators query. */
@RestController
@RequestMapping("/api/v1/credit-restrictions")
class CreditController {

    private final CreditRestrictions restrictions;

    CreditController(CreditRestrictions restrictions) {
        this.restrictions = restrictions;
    }

    record CheckRequest(@Nullable String idNumber) {}

    record NoticeRequest(
            @Nullable LocalDate servedOn, @Nullable String reference) {}

    record ReasonRequest(@Nullable String reason) {}

    record DecisionRequest(
            @Nullable String decision, @Nullable String note) {}

    /** Banks and operators (credit:query), commanders and analysts: restricted or not, until when and on what basis. */
    @PostMapping("/check")
    CreditRestrictions.Check check(@RequestBody CheckRequest request) {
        return restrictions.check(request.idNumber(), Actors.requirePermission(Permission.CREDIT_QUERY));
    }

    @PostMapping
    ResponseEntity<CreditRestrictions.Restriction> propose(@RequestBody CreditRestrictions.Proposal proposal) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        return ResponseEntity.status(HttpStatus.CREATED).body(restrictions.propose(proposal, actor));
    }

    @GetMapping
    List<CreditRestrictions.Restriction> list(@RequestParam(required = false) @Nullable String state) {
        if (state != null
                && !List.of("PROPOSED", "IN_FORCE", "REJECTED", "LIFTED").contains(state)) {
            throw new InvalidInput(
                    "state",
                    "error.proposedINFORCEREJECTEDLIFTED",
                    state.length() > 12 ? state.substring(0, 12) : state);
        }
        return restrictions.list(Actors.requirePermission(Permission.CASES_READ), state);
    }

    @GetMapping("/{id}")
    CreditRestrictions.Restriction get(@PathVariable long id) {
        return restrictions.get(id, Actors.requirePermission(Permission.CASES_READ));
    }

    @PostMapping("/{id}/approve")
    CreditRestrictions.Restriction approve(@PathVariable long id) {
        return restrictions.decide(id, true, Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/{id}/reject")
    CreditRestrictions.Restriction reject(@PathVariable long id) {
        return restrictions.decide(id, false, Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/{id}/notice")
    CreditRestrictions.Restriction notice(@PathVariable long id, @RequestBody NoticeRequest request) {
        return restrictions.notice(
                id, request.servedOn(), request.reference(), Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/{id}/appeal")
    CreditRestrictions.Restriction appeal(@PathVariable long id, @RequestBody ReasonRequest request) {
        return restrictions.appeal(id, request.reason(), Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/{id}/appeal-decision")
    CreditRestrictions.Restriction decideAppeal(@PathVariable long id, @RequestBody DecisionRequest request) {
        if (request.decision() == null || !List.of("UPHOLD", "LIFT").contains(request.decision())) {
            throw new InvalidInput("decision", "error.upholdLIFT", request.decision());
        }
        return restrictions.decideAppeal(
                id,
                request.decision().equals("LIFT"),
                request.note(),
                Actors.requirePermission(Permission.CASES_WRITE));
    }

    @PostMapping("/{id}/lift")
    CreditRestrictions.Restriction lift(@PathVariable long id, @RequestBody ReasonRequest request) {
        return restrictions.lift(id, request.reason(), Actors.requirePermission(Permission.CASES_WRITE));
    }
}
