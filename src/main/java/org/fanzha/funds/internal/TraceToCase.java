package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The explicit action after a trace (资金流向): every account it met becomes an identifier of its
 * case, so linking sees it, and, traced from the victim's money, bank cards learn their level
 * (一级卡, 二级卡 …) for the card-breaking campaign. The victim's own account is no fraud identifier.
 */
@Service
class TraceToCase {

    private final FundTraces traces;
    private final CaseDesk cases;
    private final JdbcClient jdbc;

    TraceToCase(FundTraces traces, CaseDesk cases, JdbcClient jdbc) {
        this.traces = traces;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    @Transactional
    FundTraces.FundTrace addToCase(
            String accountRaw,
            @Nullable Instant from,
            int hops,
            @Nullable BigDecimal amountGiven,
            @Nullable Long caseId,
            Actor actor) {
        FundTraces.FundTrace trace = traces.trace(accountRaw, from, hops, amountGiven, caseId, actor);
        Long theCase = trace.caseId();
        if (theCase == null) {
            return trace;
        }
        String account = trace.account();
        // traced from the victim's own account, its node is level 0 and the accounts it paid level 1
        boolean victimsAccount = !trace.nodes().isEmpty()
                && trace.nodes().get(0).received().signum() == 0
                && trace.edges().stream().anyMatch(e -> e.from().equals(account));
        List<Identifiers.Identifier> idents = new ArrayList<>();
        for (FundTraces.Node n : trace.nodes()) {
            // cash points are no accounts, and the victim's own account is no fraud identifier
            if (n.account().startsWith("(") || (victimsAccount && n.account().equals(account))) {
                continue;
            }
            Identifiers.Identifier ident = FundTraces.identifier(n.account());
            if (ident != null) {
                idents.add(ident);
            }
        }
        int added = cases.addIdentifiers(theCase, idents, actor);
        // levels count from the account that received the victim's money (一级卡)
        boolean fromVictim = victimsAccount
                || jdbc.sql("SELECT COUNT(*) FROM fund_transfer WHERE to_account = ? AND reported_by IS NULL")
                                .param(account)
                                .query(Long.class)
                                .single()
                        > 0;
        if (fromVictim) {
            Map<String, Integer> levels = new LinkedHashMap<>();
            for (Identifiers.Identifier ident : idents) {
                if (ident.type() == IdentifierType.BANK_CARD) {
                    trace.nodes().stream()
                            .filter(n -> n.account().equals(ident.value()))
                            .findFirst()
                            .ifPresent(n -> levels.put(ident.value(), victimsAccount ? n.level() : n.level() + 1));
                }
            }
            cases.fundLevels(levels);
        }
        return new FundTraces.FundTrace(
                account, trace.from(), trace.amount(), hops, trace.nodes(), trace.edges(), added, theCase);
    }
}
