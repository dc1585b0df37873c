package org.fanzha.funds.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.fanzha.cases.CaseDesk;
import org.fanzha.funds.VictimTransfers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ModuleVictimTransfers implements VictimTransfers {

    private final JdbcClient jdbc;
    private final CaseDesk cases;

    ModuleVictimTransfers(JdbcClient jdbc, CaseDesk cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Instant> firstByWarning(Collection<Long> warningIds) {
        Map<Long, Instant> out = new HashMap<>();
        if (warningIds.isEmpty()) {
            return out;
        }
        // the victim's own transfers (not those a bank reported onward)
        jdbc.sql("""
                        SELECT warning_id, MIN(transferred_at) FROM fund_transfer
                        WHERE reported_by IS NULL AND warning_id IN (:ids) GROUP BY warning_id""")
                .param("ids", warningIds)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list()
                .forEach(e -> out.merge(e.getKey(), e.getValue(), (a, b) -> a.isBefore(b) ? a : b));
        Map<Long, Long> caseToWarning = cases.casesOfWarnings(warningIds);
        if (!caseToWarning.isEmpty()) {
            jdbc.sql("""
                            SELECT case_id, MIN(transferred_at) FROM fund_transfer
                            WHERE reported_by IS NULL AND case_id IN (:ids) GROUP BY case_id""")
                    .param("ids", caseToWarning.keySet())
                    .query((rs, n) ->
                            Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                    .list()
                    .forEach(e ->
                            out.merge(caseToWarning.get(e.getKey()), e.getValue(), (a, b) -> a.isBefore(b) ? a : b));
        }
        return out;
    }
}
