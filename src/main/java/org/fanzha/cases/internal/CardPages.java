package org.fanzha.cases.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import org.fanzha.cases.VerificationResult;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The card-breaking pages (断卡): verifications, outlets, brokers, credit restrictions. */
@Controller
class CardPages {

    private final CardRegistry cards;
    private final CardCampaign campaign;
    private final CreditRestrictions credit;
    private final VerificationCards verificationCards;

    CardPages(
            CardRegistry cards, CardCampaign campaign, CreditRestrictions credit, VerificationCards verificationCards) {
        this.verificationCards = verificationCards;
        this.cards = cards;
        this.campaign = campaign;
        this.credit = credit;
    }

    @GetMapping("/cards")
    @PreAuthorize("hasAuthority('cases:read')")
    String verifications(
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        // a card number, or a part of it, with or without spaces
        String number = q.replaceAll("[\\s-]", "");
        number = number.isEmpty() || !number.matches("[0-9A-Za-z]{1,30}") ? null : number;
        long openTotal = verificationCards.countVerifications(actor.unitCode(), "OPEN", number);
        int pages = (int) Math.max(1, (openTotal + 50 - 1) / 50);
        int p = Math.max(0, Math.min(page, pages - 1));
        var open = verificationCards.verifications(actor.unitCode(), "OPEN", number, p * 50, 50);
        model.addAttribute("q", q.length() > 40 ? q.substring(0, 40) : q);
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("openTotal", openTotal);
        model.addAttribute("doneTotal", verificationCards.countVerifications(actor.unitCode(), "DONE", number));
        model.addAttribute("open", open);
        model.addAttribute(
                "cardsOf",
                verificationCards.of(
                        open.stream().map(CardRegistry.Verification::cardId).toList(), actor));
        model.addAttribute("done", verificationCards.verifications(actor.unitCode(), "DONE", number, 0, 50));
        model.addAttribute("results", VerificationResult.values());
        return "cards/verifications";
    }

    @PostMapping("/cards/verifications/{id}")
    @PreAuthorize("hasAuthority('cases:write')")
    String verify(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String result,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "") String recruiter,
            RedirectAttributes redirect) {
        try {
            cards.verify(
                    id,
                    result,
                    note.isBlank() ? null : note,
                    recruiter,
                    Actors.requirePermission(Permission.CASES_WRITE));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards";
    }

    @GetMapping("/cards/outlets")
    @PreAuthorize("hasAuthority('cases:read')")
    String outlets(@RequestParam(required = false) @Nullable String month, Model model) {
        Actor actor = Actors.requirePermission(Permission.CASES_READ);
        YearMonth m;
        try {
            m = month == null ? YearMonth.now(CardCampaign.CHINA).minusMonths(1) : YearMonth.parse(month);
        } catch (java.time.format.DateTimeParseException e) {
            m = YearMonth.now(CardCampaign.CHINA).minusMonths(1);
        }
        LocalDate from = m.atDay(1);
        LocalDate to = m.atEndOfMonth();
        model.addAttribute("month", m.toString());
        model.addAttribute(
                "ranking",
                cards.ranking(
                        from.atStartOfDay(CardCampaign.CHINA).toInstant(),
                        to.plusDays(1).atStartOfDay(CardCampaign.CHINA).toInstant(),
                        50));
        model.addAttribute("reviews", campaign.reviews(actor, null));
        model.addAttribute("bursts", campaign.bursts(3, 7));
        return "cards/outlets";
    }

    @PostMapping("/cards/outlets/reviews")
    @PreAuthorize("hasAuthority('cases:write')")
    String generate(@RequestParam String month, RedirectAttributes redirect) {
        try {
            YearMonth m = YearMonth.parse(month);
            int n = campaign.generateReviews(
                            m.atDay(1), m.atEndOfMonth(), null, Actors.requirePermission(Permission.CASES_WRITE))
                    .size();
            redirect.addFlashAttribute("created", n);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        } catch (java.time.format.DateTimeParseException e) {
            redirect.addFlashAttribute("problem", "month: like 2021-06");
        }
        return "redirect:/cards/outlets?month=" + month;
    }

    @PostMapping("/cards/outlets/reviews/{id}")
    @PreAuthorize("hasAuthority('cases:write')")
    String review(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Boolean insiderInvolved,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            campaign.reviewResult(id, insiderInvolved, note, Actors.requirePermission(Permission.CASES_WRITE));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards/outlets";
    }

    @GetMapping("/cards/brokers")
    @PreAuthorize("hasAuthority('cases:read')")
    String brokers(@RequestParam(required = false) @Nullable String recruiter, Model model) {
        model.addAttribute("brokers", campaign.brokers(2, Actors.requirePermission(Permission.CASES_READ)));
        model.addAttribute("recruiter", recruiter);
        return "cards/brokers";
    }

    @GetMapping("/cards/brokers/network.json")
    @PreAuthorize("hasAuthority('cases:read')")
    @ResponseBody
    CardCampaign.Network brokerNetwork(@RequestParam String recruiter) {
        return campaign.network(recruiter.strip(), Actors.requirePermission(Permission.CASES_READ));
    }

    @PostMapping("/cards/brokers/suspect")
    @PreAuthorize("hasAuthority('cases:link')")
    String suspect(
            @RequestParam String recruiter, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        try {
            campaign.markSuspect(
                    recruiter.strip(), note.isBlank() ? null : note, Actors.requirePermission(Permission.CASES_LINK));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards/brokers";
    }

    @GetMapping("/cards/credit")
    @PreAuthorize("hasAuthority('cases:read')")
    String creditPage(Model model) {
        model.addAttribute("restrictions", credit.list(Actors.requirePermission(Permission.CASES_READ), null));
        return "cards/credit";
    }

    @PostMapping("/cards/credit/check")
    @PreAuthorize("hasAuthority('credit:query')")
    String check(@RequestParam(defaultValue = "") String idNumber, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute(
                    "check", credit.check(idNumber, Actors.requirePermission(Permission.CREDIT_QUERY)));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards/credit";
    }

    @PostMapping("/cards/credit")
    @PreAuthorize("hasAuthority('cases:write')")
    String propose(
            @RequestParam(required = false) @Nullable Long verificationId,
            @RequestParam(defaultValue = "") String idNumber,
            @RequestParam(defaultValue = "") String basis,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        try {
            credit.propose(
                    new CreditRestrictions.Proposal(
                            verificationId, idNumber.isBlank() ? null : idNumber, null, basis, reason),
                    Actors.requirePermission(Permission.CASES_WRITE));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards/credit";
    }

    @PostMapping("/cards/credit/{id}/{action:approve|reject}")
    @PreAuthorize("hasAuthority('cases:write')")
    String decide(@PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        try {
            credit.decide(id, action.equals("approve"), Actors.requirePermission(Permission.CASES_WRITE));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.summary());
        }
        return "redirect:/cards/credit";
    }
}
