package org.fanzha.funds.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Forms;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 紧急止付 where the officer is: the transfers form on a case's page and on the page of a warning
 * closed as defrauded sends one stop-payment request per receiving account, as the API does.
 */
@Controller
class StopPaymentPages {

    /** The transfers form has this many rows; empty rows are left out. */
    static final int ROWS = 5;

    private static final java.util.regex.Pattern TRANSFER_FIELD =
            java.util.regex.Pattern.compile("transfers\\[(\\d+)]\\.(\\w+)");

    private final FundRequests requests;

    StopPaymentPages(FundRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/funds/stop-payments")
    @PreAuthorize("hasAuthority('funds:request')")
    String stop(
            @RequestParam(required = false) @Nullable Long caseId,
            @RequestParam(required = false) @Nullable Long warningId,
            @RequestParam(defaultValue = "") List<String> time,
            @RequestParam(defaultValue = "") List<String> fromAccount,
            @RequestParam(defaultValue = "") List<String> toAccount,
            @RequestParam(defaultValue = "") List<String> toBank,
            @RequestParam(defaultValue = "") List<String> amount,
            @RequestParam(defaultValue = "") List<String> channel,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.FUNDS_REQUEST);
        String back = caseId != null ? "/cases/" + caseId : warningId != null ? "/warnings/" + warningId : "/funds";
        List<FundRequests.@Nullable TransferInput> transfers = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        Map<String, Object> typed = new java.util.LinkedHashMap<>();
        int rows = Math.min(ROWS, Math.max(time.size(), Math.max(toAccount.size(), amount.size())));
        for (int i = 0; i < rows; i++) {
            String t = at(time, i);
            String from = at(fromAccount, i);
            String to = at(toAccount, i);
            String bank = at(toBank, i);
            String yuan = at(amount, i);
            String how = at(channel, i);
            typed.putAll(Forms.typed(
                    "time" + i,
                    t,
                    "fromAccount" + i,
                    from,
                    "toAccount" + i,
                    to,
                    "toBank" + i,
                    bank,
                    "amount" + i,
                    yuan,
                    "channel" + i,
                    how));
            if ((t + from + to + bank + yuan).isBlank()) {
                continue;
            }
            rowOf.add(i);
            transfers.add(new FundRequests.TransferInput(
                    t.isBlank() ? null : Forms.withOffset(t),
                    blank(from),
                    blank(to),
                    blank(bank),
                    blank(yuan),
                    how.isBlank() ? "BANK_TRANSFER" : how));
        }
        try {
            var created =
                    requests.stopPayments(new FundRequests.StopPaymentRequest(caseId, warningId, transfers), actor);
            redirect.addFlashAttribute(
                    "notice",
                    Texts.resolve("funds.stop.sent", created.requests().size()));
            if (created.requests().size() == 1) {
                return "redirect:/funds/requests/" + created.requests().get(0).id();
            }
            return "redirect:/funds" + (caseId == null ? "" : "?caseId=" + caseId);
        } catch (ProblemException e) {
            // the row numbers of the errors are those of the rows sent, which skip empty ones
            Forms.refused(redirect, e, typed);
            Map<String, String> atRow = new java.util.LinkedHashMap<>();
            e.fieldMessages(org.springframework.context.i18n.LocaleContextHolder.getLocale())
                    .forEach((field, message) -> {
                        var m = TRANSFER_FIELD.matcher(field);
                        atRow.put(
                                m.matches() && Integer.parseInt(m.group(1)) < rowOf.size()
                                        ? m.group(2) + rowOf.get(Integer.parseInt(m.group(1)))
                                        : field,
                                message);
                    });
            redirect.addFlashAttribute("errors", atRow);
            return "redirect:" + back + "#stop-payment";
        }
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    private static @Nullable String blank(String s) {
        return s.isBlank() ? null : s.strip();
    }
}
