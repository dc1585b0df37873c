package org.fanzha.cases.internal;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.cases.CaseStatus;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cases list's search: by status, type and a lookup (number, victim's phone, identifier), a page at a time, with its total. */
@Repository
class CaseSearch {

    private final JdbcClient jdbc;

    CaseSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a search box found a case by: its number, its victim's phone, or one of its identifiers
     * (each value as that type normalises it); empty matches every case.
     */
    record Lookup(@Nullable String caseNumber, List<String> phones, List<String> identifierValues) {

        static final Lookup ANY = new Lookup(null, List.of(), List.of());

        boolean any() {
            return caseNumber == null && phones.isEmpty() && identifierValues.isEmpty();
        }
    }

    /** A page of the jurisdiction's cases, newest first, found by the lookup. */
    List<CaseStore.FraudCase> page(
            String jurisdiction,
            @Nullable CaseStatus status,
            @Nullable FraudType type,
            Lookup lookup,
            int offset,
            int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(jurisdiction, status, type, lookup, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT * FROM fraud_case" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query(CaseStore::map)
                .list();
    }

    /** How many of the jurisdiction's cases the lookup finds. */
    long count(String jurisdiction, @Nullable CaseStatus status, @Nullable FraudType type, Lookup lookup) {
        List<Object> params = new ArrayList<>();
        String where = where(jurisdiction, status, type, lookup, params);
        return jdbc.sql("SELECT COUNT(*) FROM fraud_case" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(
            String jurisdiction,
            @Nullable CaseStatus status,
            @Nullable FraudType type,
            Lookup lookup,
            List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE unit_code LIKE ?");
        params.add(jurisdiction + "%");
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (type != null) {
            sql.append(" AND fraud_type = ?");
            params.add(type.name());
        }
        if (!lookup.any()) {
            List<String> alternatives = new ArrayList<>();
            if (lookup.caseNumber() != null) {
                alternatives.add("case_number = ?");
                params.add(lookup.caseNumber());
            }
            if (!lookup.phones().isEmpty()) {
                alternatives.add("victim_phone IN (" + marks(lookup.phones().size()) + ")");
                params.addAll(lookup.phones());
            }
            if (!lookup.identifierValues().isEmpty()) {
                alternatives.add("id IN (SELECT case_id FROM case_identifier WHERE id_value IN ("
                        + marks(lookup.identifierValues().size()) + "))");
                params.addAll(lookup.identifierValues());
            }
            sql.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
        }
        return sql.toString();
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
