package org.fanzha.cases.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Masking;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read model of the verification page: each task's card as its officer needs to see it. */
@Repository
class VerificationCards {

    private final JdbcClient jdbc;

    VerificationCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a verification task's officer needs to see of its card: the card, its bank, the owner masked, the cases. */
    record CardLine(
            long cardId,
            String kind,
            String number,
            @Nullable String issuer,
            @Nullable String owner,
            List<String> cases) {}

    /**
     * The cards of some tasks, in two queries whatever their number: numbers and owners masked, the
     * cases by number where the actor's jurisdiction holds them and by unit elsewhere.
     */
    Map<Long, CardLine> of(java.util.Collection<Long> cardIds, Actor actor) {
        Map<Long, CardLine> lines = new java.util.HashMap<>();
        if (cardIds.isEmpty()) {
            return lines;
        }
        String in = String.join(
                ",", cardIds.stream().map(String::valueOf).distinct().toList());
        Map<Long, List<String>> cases = new java.util.HashMap<>();
        jdbc.sql(
                        "SELECT cc.card_id, f.id, f.case_number, f.unit_code FROM case_card cc JOIN fraud_case f ON f.id = cc.case_id"
                                + " WHERE cc.card_id IN (" + in + ") ORDER BY f.id")
                .query(rs -> {
                    String unit = rs.getString(4);
                    String number = rs.getString(3);
                    cases.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(actor.covers(unit) ? (number == null ? "#" + rs.getLong(2) : number) : unit);
                });
        jdbc.sql("SELECT id, kind, card_number, issuer, owner_name FROM card WHERE id IN (" + in + ")")
                .query(rs -> {
                    long id = rs.getLong(1);
                    String kind = rs.getString(2);
                    String number = rs.getString(3);
                    lines.put(
                            id,
                            new CardLine(
                                    id,
                                    kind,
                                    String.valueOf(
                                            "SIM".equals(kind) ? Masking.phone(number) : Masking.cardNumber(number)),
                                    rs.getString(4),
                                    Masking.name(rs.getString(5)),
                                    cases.getOrDefault(id, List.of())));
                });
        return lines;
    }

    /**
     * A page of the jurisdiction's verifications in a state, the nearest deadline first; only
     * those of a card whose number contains {@code number} when one is given (digits only).
     */
    List<CardRegistry.Verification> verifications(
            String jurisdiction, String state, @Nullable String number, int offset, int limit) {
        return jdbc.sql("""
                        SELECT v.* FROM card_verification v JOIN card c ON c.id = v.card_id
                        WHERE v.unit_code LIKE ? AND v.state = ? AND (CAST(? AS VARCHAR(30)) IS NULL OR c.card_number LIKE ?)
                        ORDER BY v.due_at, v.id LIMIT ? OFFSET ?""")
                .params(jurisdiction + "%", state, number, "%" + number + "%", limit, offset)
                .query(CardRegistry::verification)
                .list();
    }

    /** How many verifications {@link #verifications(String, String, String, int, int)} finds. */
    long countVerifications(String jurisdiction, String state, @Nullable String number) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM card_verification v JOIN card c ON c.id = v.card_id
                        WHERE v.unit_code LIKE ? AND v.state = ? AND (CAST(? AS VARCHAR(30)) IS NULL OR c.card_number LIKE ?)""")
                .params(jurisdiction + "%", state, number, "%" + number + "%")
                .query(Long.class)
                .single();
    }
}
