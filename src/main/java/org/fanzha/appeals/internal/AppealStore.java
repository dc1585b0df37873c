package org.fanzha.appeals.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fanzha.appeals.Appeals.Appeal;
import org.fanzha.appeals.Subject;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Appeals and their evidence in the database. */
@Repository
class AppealStore {

    /** A file as the list of an appeal shows it. */
    record EvidenceFile(long id, String name, String contentType, int size, String sha256) {}

    /** A file with its bytes. */
    record EvidenceBytes(long id, long appealId, String name, String contentType, byte[] bytes) {}

    private static final String COLUMNS = """
            a.id, a.reference, a.subject_kind, a.subject_ref, a.subject_type, a.subject_value, a.unit_code,
            a.appellant, a.contact, a.reason, a.state, a.filed_at, a.decided_by, a.decided_at, a.decision_note,
            (SELECT COUNT(*) FROM appeal_evidence v WHERE v.appeal_id = a.id) AS evidence""";

    private final JdbcClient jdbc;

    AppealStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Appeal map(ResultSet rs, int i) throws SQLException {
        return new Appeal(
                rs.getLong("id"),
                rs.getString("reference"),
                rs.getString("subject_kind"),
                rs.getString("subject_ref"),
                rs.getString("subject_type"),
                rs.getString("subject_value"),
                rs.getString("unit_code"),
                rs.getString("appellant"),
                rs.getString("contact"),
                rs.getString("reason"),
                rs.getString("state"),
                rs.getTimestamp("filed_at").toInstant(),
                rs.getString("decided_by"),
                instant(rs, "decided_at"),
                rs.getString("decision_note"),
                rs.getInt("evidence"));
    }

    static Subject subject(Appeal a) {
        return new Subject(a.kind(), a.ref(), a.type(), a.value(), a.unitCode());
    }

    long file(
            String reference,
            String tokenHash,
            Subject s,
            String appellant,
            String contact,
            String reason,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO appeal (reference, token_hash, subject_kind, subject_ref, subject_type, subject_value,
                                            unit_code, appellant, contact, reason, state, filed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(
                        reference,
                        tokenHash,
                        s.kind(),
                        s.ref(),
                        s.type(),
                        s.value(),
                        s.unitCode(),
                        appellant,
                        contact,
                        reason,
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void evidence(long appealId, String name, String contentType, byte[] bytes, String sha256) {
        jdbc.sql("""
                        INSERT INTO appeal_evidence (appeal_id, name, content_type, size, sha256, bytes)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(appealId, name, contentType, bytes.length, sha256, bytes)
                .update();
    }

    /** Whether the subject has an appeal still open; takes the subject's open appeals' row locks. */
    boolean open(String kind, String ref) {
        return !jdbc.sql(
                        "SELECT id FROM appeal WHERE subject_kind = ? AND subject_ref = ? AND state = 'OPEN' FOR UPDATE")
                .params(kind, ref)
                .query(Long.class)
                .list()
                .isEmpty();
    }

    Optional<Appeal> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appeal a WHERE a.id = ?")
                .param(id)
                .query(AppealStore::map)
                .optional();
    }

    /** Locks the appeal's row. */
    Optional<String> lockState(long id) {
        return jdbc.sql("SELECT state FROM appeal WHERE id = ? FOR UPDATE")
                .param(id)
                .query(String.class)
                .optional();
    }

    Optional<Appeal> byReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appeal a WHERE a.reference = ?")
                .param(reference)
                .query(AppealStore::map)
                .optional();
    }

    Optional<String> tokenHash(String reference) {
        return jdbc.sql("SELECT token_hash FROM appeal WHERE reference = ?")
                .param(reference)
                .query(String.class)
                .optional();
    }

    List<Appeal> of(String kind, String ref) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM appeal a WHERE a.subject_kind = ? AND a.subject_ref = ? ORDER BY a.id DESC LIMIT 200")
                .params(kind, ref)
                .query(AppealStore::map)
                .list();
    }

    /** Open ones first, oldest first; then decided ones, newest first. */
    List<Appeal> list(@Nullable String kind, @Nullable String state, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM appeal a
                        WHERE (CAST(? AS VARCHAR(20)) IS NULL OR a.subject_kind = ?)
                          AND (CAST(? AS VARCHAR(10)) IS NULL OR a.state = ?)
                        ORDER BY CASE WHEN a.state = 'OPEN' THEN 0 ELSE 1 END,
                                 CASE WHEN a.state = 'OPEN' THEN a.id ELSE -a.id END
                        LIMIT ?""")
                .params(kind, kind, state, state, limit)
                .query(AppealStore::map)
                .list();
    }

    void decide(long id, String state, String by, String note, Instant now) {
        jdbc.sql("UPDATE appeal SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?")
                .params(state, by, Timestamp.from(now), note, id)
                .update();
    }

    List<EvidenceFile> files(long appealId) {
        return jdbc.sql(
                        "SELECT id, name, content_type, size, sha256 FROM appeal_evidence WHERE appeal_id = ? ORDER BY id")
                .param(appealId)
                .query((rs, i) -> new EvidenceFile(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("content_type"),
                        rs.getInt("size"),
                        rs.getString("sha256")))
                .list();
    }

    Optional<EvidenceBytes> file(long appealId, long evidenceId) {
        return jdbc.sql(
                        "SELECT id, appeal_id, name, content_type, bytes FROM appeal_evidence WHERE id = ? AND appeal_id = ?")
                .params(evidenceId, appealId)
                .query((rs, i) -> new EvidenceBytes(
                        rs.getLong("id"),
                        rs.getLong("appeal_id"),
                        rs.getString("name"),
                        rs.getString("content_type"),
                        rs.getBytes("bytes")))
                .optional();
    }
}
