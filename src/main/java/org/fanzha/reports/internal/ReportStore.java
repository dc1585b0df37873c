package org.fanzha.reports.internal;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Public reports in the database. */
@Repository
class ReportStore {

    record Row(
            long id,
            String receipt,
            String source,
            String reporterPhone,
            boolean victim,
            @Nullable String fraudType,
            @Nullable String text,
            Instant receivedAt,
            @Nullable String takenBy,
            @Nullable Long leadId,
            @Nullable Long warningId,
            @Nullable String unitCode,
            @Nullable String urgency,
            @Nullable Instant reviewedAt,
            @Nullable Long caseId,
            @Nullable Instant stopSentAt,
            @Nullable String stopSentBy,
            boolean stopProvisional,
            @Nullable Instant stopConfirmDue,
            @Nullable String stopConfirmedBy) {}

    /** A reported transfer with its row id, its fingerprint and the stop-payment covering it. */
    record TransferRow(
            long id,
            ReportValidator.Transfer transfer,
            String fingerprint,
            @Nullable Long fundRequestId) {}

    record EvidenceFile(long id, String name, String contentType, long size, String sha256) {}

    record EvidenceBytes(long id, String name, String contentType, byte[] bytes) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String provinceCode;

    ReportStore(JdbcClient jdbc, JdbcTemplate template, org.fanzha.divisions.DivisionsProperties divisions) {
        this.jdbc = jdbc;
        this.template = template;
        this.provinceCode = divisions.provinceCode();
    }

    /**
     * A report by its receipt as staff may see it: within the jurisdiction of the unit its warning
     * went to (the province's until then); else the same not-found as an unknown receipt.
     */
    Row inJurisdiction(@Nullable String receipt, org.fanzha.platform.Actor actor, boolean forUpdate) {
        String r = ReportValidator.clip(receipt, 20);
        return (r == null ? Optional.<Row>empty() : forUpdate ? lock(r) : find(r))
                .filter(row -> actor.covers(row.unitCode() == null ? provinceCode : row.unitCode()))
                .orElseThrow(() -> new PublicReports.ReportNotFound(r == null ? "" : r));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Row map(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("receipt"),
                rs.getString("source"),
                rs.getString("reporter_phone"),
                rs.getBoolean("victim"),
                rs.getString("fraud_type"),
                rs.getString("report_text"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("taken_by"),
                rs.getObject("lead_id", Long.class),
                rs.getObject("warning_id", Long.class),
                rs.getString("unit_code"),
                rs.getString("urgency"),
                instant(rs, "reviewed_at"),
                rs.getObject("case_id", Long.class),
                instant(rs, "stop_sent_at"),
                rs.getString("stop_sent_by"),
                rs.getBoolean("stop_provisional"),
                instant(rs, "stop_confirm_due"),
                rs.getString("stop_confirmed_by"));
    }

    /**
     * Stores the report and gives it its receipt: {@code R-}, the Beijing date and six digits of
     * its number (unique unless a million reports come in one day).
     */
    Row insert(ReportValidator.Report r, String tokenHash, @Nullable String takenBy, Instant now) {
        var keys = new GeneratedKeyHolder();
        String provisional = "P-" + java.util.UUID.randomUUID().toString().substring(0, 17);
        jdbc.sql("""
                        INSERT INTO public_report (receipt, token_hash, source, reporter_phone, victim, fraud_type,
                                                   report_text, received_at, taken_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        provisional,
                        tokenHash,
                        r.source().name(),
                        r.reporterPhone(),
                        r.victim(),
                        r.fraudType() == null ? null : r.fraudType().name(),
                        r.text(),
                        Timestamp.from(now),
                        takenBy)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        String receipt = "R-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ReportValidator.CHINA))
                + "-" + String.format("%06d", id % 1_000_000);
        jdbc.sql("UPDATE public_report SET receipt = ? WHERE id = ?")
                .params(receipt, id)
                .update();
        template.batchUpdate(
                "INSERT INTO public_report_identifier (report_id, id_type, id_value) VALUES (?, ?, ?)",
                r.fraudster(),
                100,
                (ps, f) -> {
                    ps.setLong(1, id);
                    ps.setString(2, f.type().name());
                    ps.setString(3, f.value());
                });
        template.batchUpdate("""
                INSERT INTO public_report_transfer (report_id, made_at, from_account, to_account, to_bank, amount, channel, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", r.transfers(), 100, (ps, t) -> {
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(t.at()));
            ps.setString(3, t.fromAccount());
            ps.setString(4, t.toAccount());
            ps.setString(5, t.toBank());
            ps.setBigDecimal(6, t.amount());
            ps.setString(7, t.channel());
            ps.setString(8, fingerprint(t));
        });
        return find(receipt).orElseThrow();
    }

    /** The same transfer, whoever reports it: the receiving account, the amount and the minute it was made. */
    static String fingerprint(ReportValidator.Transfer t) {
        return PublicReports.sha256(
                t.toAccount() + "|" + t.amount().toPlainString() + "|" + t.at().getEpochSecond() / 60);
    }

    /** Streams one file into its row. */
    void evidence(long reportId, String name, String contentType, long size, String sha256, InputStream bytes) {
        template.update(
                "INSERT INTO public_report_evidence (report_id, name, content_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setLong(1, reportId);
                    ps.setString(2, name);
                    ps.setString(3, contentType);
                    ps.setLong(4, size);
                    ps.setString(5, sha256);
                    ps.setBinaryStream(6, bytes, size);
                });
    }

    Optional<Row> find(String receipt) {
        return jdbc.sql("SELECT * FROM public_report WHERE receipt = ?")
                .param(receipt)
                .query(ReportStore::map)
                .optional();
    }

    Optional<String> tokenHash(String receipt) {
        return jdbc.sql("SELECT token_hash FROM public_report WHERE receipt = ?")
                .param(receipt)
                .query(String.class)
                .optional();
    }

    List<ReportValidator.Ident> identifiers(long reportId) {
        return jdbc.sql("SELECT id_type, id_value FROM public_report_identifier WHERE report_id = ? ORDER BY id")
                .param(reportId)
                .query((rs, i) ->
                        new ReportValidator.Ident(org.fanzha.risk.RiskType.valueOf(rs.getString(1)), rs.getString(2)))
                .list();
    }

    List<ReportValidator.Transfer> transfers(long reportId) {
        return jdbc.sql("""
                        SELECT made_at, from_account, to_account, to_bank, amount, channel
                        FROM public_report_transfer WHERE report_id = ? ORDER BY id""")
                .param(reportId)
                .query((rs, i) -> new ReportValidator.Transfer(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getString(6)))
                .list();
    }

    List<EvidenceFile> files(long reportId) {
        return jdbc.sql(
                        "SELECT id, name, content_type, size, sha256 FROM public_report_evidence WHERE report_id = ? ORDER BY id")
                .param(reportId)
                .query((rs, i) -> new EvidenceFile(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)))
                .list();
    }

    Optional<EvidenceBytes> file(long reportId, long evidenceId) {
        return jdbc.sql(
                        "SELECT id, name, content_type, bytes FROM public_report_evidence WHERE id = ? AND report_id = ?")
                .params(evidenceId, reportId)
                .query((rs, i) -> new EvidenceBytes(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .optional();
    }

    void filedAs(long id, long leadId, long warningId, String unitCode, String urgency) {
        jdbc.sql("UPDATE public_report SET lead_id = ?, warning_id = ?, unit_code = ?, urgency = ? WHERE id = ?")
                .params(leadId, warningId, unitCode, urgency, id)
                .update();
    }

    /** Reports whose lead was not filed yet, oldest first (after a restart, or when filing failed). */
    List<String> unfiled(Instant before, int limit) {
        return jdbc.sql(
                        "SELECT receipt FROM public_report WHERE lead_id IS NULL AND received_at < ? ORDER BY received_at LIMIT ?")
                .params(Timestamp.from(before), limit)
                .query(String.class)
                .list();
    }

    /** The first contact on a report's warning: reviewed; the receipts that were not reviewed before. */
    List<String> reviewed(long warningId, Instant at) {
        List<String> receipts = jdbc.sql(
                        "SELECT receipt FROM public_report WHERE warning_id = ? AND reviewed_at IS NULL ORDER BY id")
                .param(warningId)
                .query(String.class)
                .list();
        List<String> marked = new java.util.ArrayList<>();
        for (String receipt : receipts) {
            if (jdbc.sql("UPDATE public_report SET reviewed_at = ? WHERE receipt = ? AND reviewed_at IS NULL")
                            .params(Timestamp.from(at), receipt)
                            .update()
                    == 1) {
                marked.add(receipt);
            }
        }
        return marked;
    }

    /** A report whose reporter is followed: what they were last told. */
    record Followed(long id, String receipt, long caseId, String toldHeld, String toldReturn) {}

    /** Reports with a case, received after {@code since}, whose return is not yet approved: a page after {@code afterId}. */
    List<Followed> followed(Instant since, long afterId, int limit) {
        return jdbc.sql("""
                        SELECT id, receipt, case_id, told_held, told_return FROM public_report
                        WHERE case_id IS NOT NULL AND received_at > ? AND told_return <> 'APPROVED' AND id > ?
                        ORDER BY id LIMIT ?""")
                .params(Timestamp.from(since), afterId, limit)
                .query((rs, n) -> new Followed(
                        rs.getLong("id"),
                        rs.getString("receipt"),
                        rs.getLong("case_id"),
                        rs.getString("told_held"),
                        rs.getString("told_return")))
                .list();
    }

    /** Records what the reporter is now told; false when another instance told them first. */
    boolean told(Followed f, String held, String returnStep) {
        return jdbc.sql("""
                        UPDATE public_report SET told_held = ?, told_return = ?
                        WHERE id = ? AND told_held = ? AND told_return = ?""")
                        .params(held, returnStep, f.id(), f.toldHeld(), f.toldReturn())
                        .update()
                == 1;
    }

    Optional<String> reporterPhone(String receipt) {
        return jdbc.sql("SELECT reporter_phone FROM public_report WHERE receipt = ?")
                .param(receipt)
                .query(String.class)
                .optional()
                .filter(phone -> !phone.equals(REMOVED));
    }

    /** What retention leaves of a removed phone. */
    static final String REMOVED = "-";

    /** The ids of a case's reports whose evidence is still kept. */
    List<Long> ofCase(long caseId) {
        return jdbc.sql("SELECT id FROM public_report WHERE case_id = ? AND evidence_removed_at IS NULL")
                .param(caseId)
                .query(Long.class)
                .list();
    }

    /** Reports that made no case, received before {@code before}, not yet cleared: up to {@code limit}. */
    List<Long> expired(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM public_report WHERE case_id IS NULL AND evidence_removed_at IS NULL AND received_at < ?
                        ORDER BY received_at LIMIT ?""")
                .params(Timestamp.from(before), limit)
                .query(Long.class)
                .list();
    }

    /** Removes a report's evidence files (and, when {@code phoneToo}, the reporter's phone); how many files went. */
    int removeEvidence(long reportId, boolean phoneToo, Instant at) {
        int files = jdbc.sql("DELETE FROM public_report_evidence WHERE report_id = ?")
                .param(reportId)
                .update();
        jdbc.sql("UPDATE public_report SET evidence_removed_at = ?"
                        + (phoneToo ? ", reporter_phone = '" + REMOVED + "'" : "")
                        + " WHERE id = ?")
                .params(Timestamp.from(at), reportId)
                .update();
        return files;
    }

    /** Locks the report's row (the one click is taken once). */
    Optional<Row> lock(String receipt) {
        return jdbc.sql("SELECT * FROM public_report WHERE receipt = ? FOR UPDATE")
                .param(receipt)
                .query(ReportStore::map)
                .optional();
    }

    List<TransferRow> transferRows(long reportId) {
        return jdbc.sql("""
                        SELECT id, made_at, from_account, to_account, to_bank, amount, channel, fingerprint, fund_request_id
                        FROM public_report_transfer WHERE report_id = ? ORDER BY id""")
                .param(reportId)
                .query((rs, i) -> new TransferRow(
                        rs.getLong(1),
                        new ReportValidator.Transfer(
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getBigDecimal(6),
                                rs.getString(7)),
                        rs.getString(8),
                        rs.getObject(9, Long.class)))
                .list();
    }

    /** The stop-payment another report's same transfer already has. */
    Optional<Long> coveredBy(String fingerprint) {
        return jdbc.sql("""
                        SELECT MIN(fund_request_id) FROM public_report_transfer
                        WHERE fingerprint = ? AND fund_request_id IS NOT NULL""").param(fingerprint).query(Long.class).optional();
    }

    void covered(long transferId, long fundRequestId) {
        jdbc.sql("UPDATE public_report_transfer SET fund_request_id = ? WHERE id = ?")
                .params(fundRequestId, transferId)
                .update();
    }

    void stopped(long id, long caseId, String by, Instant at) {
        jdbc.sql("UPDATE public_report SET case_id = ?, stop_sent_at = ?, stop_sent_by = ? WHERE id = ?")
                .params(caseId, Timestamp.from(at), by, id)
                .update();
    }

    List<Long> fundRequests(long reportId) {
        return jdbc.sql("""
                        SELECT DISTINCT fund_request_id FROM public_report_transfer
                        WHERE report_id = ? AND fund_request_id IS NOT NULL""").param(reportId).query(Long.class).list();
    }

    void provisional(long id, Instant due) {
        jdbc.sql("UPDATE public_report SET stop_provisional = TRUE, stop_confirm_due = ? WHERE id = ?")
                .params(Timestamp.from(due), id)
                .update();
    }

    /** Confirms a provisional stop; false when there was none to confirm. */
    boolean confirm(long id, String by, Instant at) {
        return jdbc.sql("""
                        UPDATE public_report SET stop_confirmed_by = ?, stop_confirmed_at = ?
                        WHERE id = ? AND stop_provisional AND stop_confirmed_by IS NULL""").params(by, Timestamp.from(at), id).update() > 0;
    }

    /** Provisional stops past their confirmation time, not confirmed, not yet told; marked told. */
    List<Row> overdue(Instant now) {
        List<Row> rows =
                jdbc.sql("""
                        SELECT * FROM public_report WHERE stop_provisional AND stop_confirmed_by IS NULL
                        AND NOT stop_overdue_told AND stop_confirm_due < ? ORDER BY stop_confirm_due LIMIT 100 FOR UPDATE""").param(Timestamp.from(now)).query(ReportStore::map).list();
        rows.forEach(r -> jdbc.sql("UPDATE public_report SET stop_overdue_told = TRUE WHERE id = ?")
                .param(r.id())
                .update());
        return rows;
    }
}
