package org.fanzha.cases.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 断卡: fraud cards, their registration by banks and operators, verification tasks, outlet ranking. */
@RestController
class CardController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CardRegistry cards;
    private final CardCampaign campaign;

    CardController(CardRegistry cards, CardCampaign campaign) {
        this.cards = cards;
        this.campaign = campaign;
    }

    record ReviewResult(
            @Nullable Boolean insiderInvolved, @Nullable String note) {}

    record SuspectRequest(
            @Nullable String recruiter, @Nullable String note) {}

    record CardView(
            CardRegistry.Card card, List<Map<String, Object>> cases, List<CardRegistry.Verification> verifications) {}

    record VerifyRequest(
            @Nullable String result,
            @Nullable String note,
            @Nullable String recruiter) {}

    /** A card used in fraud: the owner masked, the cases it was used in (number and unit), its verifications. */
    @GetMapping("/api/v1/cards/{kind}/{number}")
    CardView card(@PathVariable String kind, @PathVariable String number) {
        Actors.requirePermission(Permission.CASES_READ);
        String[] k = CardRegistry.parse(kind, number);
        var card =
                cards.find(k[0], k[1]).orElseThrow(() -> new CardRegistry.CardNotFound("problem.cardNotFound.detail"));
        return new CardView(cards.masked(card), cards.casesOf(card.id()), cards.verificationsOf(card.id()));
    }

    /** A bank or operator registers who holds the card and which outlet opened it; answers the verification task. */
    @PutMapping("/api/v1/cards/{kind}/{number}/registration")
    CardRegistry.Verification register(
            @PathVariable String kind,
            @PathVariable String number,
            @RequestBody CardRegistry.Registration registration) {
        Actor actor = Actors.requirePermission(Permission.CARDS_REGISTER);
        return cards.register(kind, number, registration, actor);
    }

    @GetMapping("/api/v1/cards/verifications")
    List<CardRegistry.Verification> verifications(@RequestParam(required = false) @Nullable String state) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        if (state != null && !state.equals("OPEN") && !state.equals("DONE")) {
            throw new InvalidInput("state", "error.openDONE", state.length() > 10 ? state.substring(0, 10) : state);
        }
        return cards.verifications(actor.unitCode(), state, 500);
    }

    @PostMapping("/api/v1/cards/verifications/{id}/result")
    CardRegistry.Verification verify(@PathVariable long id, @RequestBody VerifyRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        return cards.verify(id, request.result(), request.note(), request.recruiter(), actor);
    }

    /** Review tasks (一案双查) for the outlets at or above the threshold in a period, for the units that cover them. */
    @PostMapping("/api/v1/cards/outlets/reviews")
    List<CardCampaign.Review> generateReviews(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable Integer threshold) {
        Actor actor = Actors.requirePermission(Permission.CASES_WRITE);
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "error.notBeforeFrom", to);
        }
        return campaign.generateReviews(from, to, threshold, actor);
    }

    @GetMapping("/api/v1/cards/outlets/reviews")
    List<CardCampaign.Review> reviews(@RequestParam(required = false) @Nullable String state) {
        if (state != null && !state.equals("OPEN") && !state.equals("DONE")) {
            throw new InvalidInput("state", "error.openDONE", state.length() > 10 ? state.substring(0, 10) : state);
        }
        return campaign.reviews(Actors.requirePermission(Permission.CASES_READ), state);
    }

    @PostMapping("/api/v1/cards/outlets/reviews/{id}/result")
    CardCampaign.Review reviewResult(@PathVariable long id, @RequestBody ReviewResult request) {
        return campaign.reviewResult(
                id, request.insiderInvolved(), request.note(), Actors.requirePermission(Permission.CASES_WRITE));
    }

    /** Brokers (卡头): recruiters named by two or more card owners. */
    @GetMapping("/api/v1/cards/brokers")
    List<CardCampaign.Broker> brokers(@RequestParam(defaultValue = "2") int minOwners) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        if (minOwners < 1 || minOwners > 1000) {
            throw new InvalidInput("minOwners", "error.11000", minOwners);
        }
        return campaign.brokers(minOwners, actor);
    }

    @GetMapping("/api/v1/cards/brokers/network")
    CardCampaign.Network brokerNetwork(@RequestParam String recruiter) {
        return campaign.network(recruiter.strip(), Actors.requirePermission(Permission.CASES_READ));
    }

    @PostMapping("/api/v1/cards/brokers/suspect")
    org.springframework.http.ResponseEntity<Void> suspect(@RequestBody SuspectRequest request) {
        Actor actor = Actors.requirePermission(Permission.CASES_LINK);
        campaign.markSuspect(
                request.recruiter() == null ? "" : request.recruiter().strip(), request.note(), actor);
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    /** Bursts: one outlet opening several fraud cards within a few days. */
    @GetMapping("/api/v1/cards/outlets/bursts")
    List<CardCampaign.Burst> bursts(
            @RequestParam(defaultValue = "3") int minCards, @RequestParam(defaultValue = "7") int withinDays) {
        Actors.requirePermission(Permission.CASES_READ);
        if (minCards < 2 || minCards > 1000 || withinDays < 1 || withinDays > 366) {
            throw new InvalidInput("minCards", "error.21000CardsWithin1", minCards);
        }
        return campaign.bursts(minCards, withinDays);
    }

    /** Outlets by the number of fraud cards they opened among the cases of a period, and per thousand openings. */
    @GetMapping("/api/v1/cards/outlets/ranking")
    List<CardRegistry.OutletRank> ranking(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "50") int limit) {
        Actors.requirePermission(Permission.CASES_READ);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "error.11000", limit);
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "error.notBeforeFrom", to);
        }
        return cards.ranking(
                from.atStartOfDay(CHINA).toInstant(),
                to.plusDays(1).atStartOfDay(CHINA).toInstant(),
                limit);
    }
}
