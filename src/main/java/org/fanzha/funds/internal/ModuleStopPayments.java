package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.fanzha.funds.StopPayments;
import org.fanzha.platform.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The stop-payments other modules send: the same checks, the same requests, as the API's. */
@Service
class ModuleStopPayments implements StopPayments {

    private final FundRequests requests;
    private final JdbcClient jdbc;

    ModuleStopPayments(FundRequests requests, JdbcClient jdbc) {
        this.requests = requests;
        this.jdbc = jdbc;
    }

    @Override
    public List<Sent> request(long caseId, @Nullable Long warningId, List<Transfer> transfers, Actor actor) {
        var created = requests.stopPayments(
                new FundRequests.StopPaymentRequest(
                        caseId,
                        warningId,
                        transfers.stream()
                                .map(t -> new FundRequests.TransferInput(
                                        t.time().atOffset(ZoneOffset.ofHours(8)).toString(),
                                        t.fromAccount(),
                                        t.toAccount(),
                                        t.toBank(),
                                        t.amount().toPlainString(),
                                        t.channel()))
                                .map(t -> (FundRequests.@Nullable TransferInput) t)
                                .toList()),
                actor);
        return created.requests().stream()
                .map(v -> new Sent(v.id(), v.state(), v.account(), v.bank(), v.amount()))
                .toList();
    }

    @Override
    public BigDecimal held(List<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return jdbc.sql(
                        "SELECT COALESCE(SUM(held_amount), 0) FROM fund_request WHERE id IN (:ids) OR parent_id IN (:ids)")
                .param("ids", requestIds)
                .query(BigDecimal.class)
                .single();
    }

    @Override
    public ReturnStep returnOf(long caseId) {
        List<String> states = jdbc.sql("""
                        SELECT DISTINCT r.state FROM fund_return r JOIN fund_return_share s ON s.return_id = r.id
                        WHERE s.case_id = ? AND r.state IN ('PROPOSED', 'APPROVED')""").param(caseId).query(String.class).list();
        return states.contains("APPROVED")
                ? ReturnStep.APPROVED
                : states.contains("PROPOSED") ? ReturnStep.PROPOSED : ReturnStep.NONE;
    }
}
