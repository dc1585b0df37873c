package org.fanzha.cases.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.cases.VerificationResult;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The card-breaking campaign (断卡): every SIM card and bank card used in a case is a card record;
 * a bank or operator registers its owner and the outlet that opened it; the card then gets a
 * verification task (核查) for the unit where the owner's ID number was issued (else the outlet's),
 * due in a week by default; outlets are ranked by the fraud cards they opened.
 */
@Service
class CardRegistry {

    static class CardNotFound extends ProblemException {
        CardNotFound(String what, Object... args) {
            super(
                    HttpStatus.NOT_FOUND,
                    "card-not-found",
                    "problem.notFound.title",
                    what,
                    args(args),
                    java.util.Map.of());
        }
    }

    static class VerificationDone extends ProblemException {
        VerificationDone(long id) {
            super(
                    HttpStatus.CONFLICT,
                    "verification-done",
                    "problem.verificationDone.title",
                    "problem.verificationDone.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    record Card(
            long id,
            String kind,
            String number,
            @Nullable String issuer,
            @Nullable String ownerName,
            @Nullable String ownerIdNumber,
            @Nullable String outletCode,
            @Nullable LocalDate openedOn,
            @Nullable Integer fundLevel) {}

    /** Why a verification moved up: the unit that let it lapse, then why it had been there (as fits the column). */
    static String escalatedBasis(String unit, String before) {
        String escalated = org.fanzha.platform.Texts.encode("route.escalated", unit);
        String both = org.fanzha.platform.Texts.join(escalated, before);
        return both.length() <= 200 ? both : escalated;
    }

    record Verification(
            long id,
            long cardId,
            String unitCode,
            @com.fasterxml.jackson.annotation.JsonIgnore String routedBy,
            Instant dueAt,
            String state,
            @Nullable String result,
            @Nullable String note,
            @Nullable String doneBy,
            @Nullable Instant doneAt) {

        /** Why the task is with its unit, in English, as partners and the API read it. */
        @com.fasterxml.jackson.annotation.JsonProperty("routedBy")
        public String routedByText() {
            return org.fanzha.platform.Texts.decode(routedBy, java.util.Locale.ENGLISH);
        }
    }

    record Registration(
            @Nullable String ownerName,
            @Nullable String ownerIdNumber,
            @Nullable String ownerAddress,
            @Nullable String issuer,
            @Nullable String outletCode,
            @Nullable String outletName,
            @Nullable String outletKind,
            @Nullable String outletDivision,
            @Nullable Integer outletYearlyOpenings,
            @Nullable LocalDate openedOn) {}

    record OutletRank(
            String code,
            String name,
            String kind,
            @Nullable String divisionCode,
            long cards,
            @Nullable Double perThousandOpenings) {}

    private final JdbcClient jdbc;
    private final UnitResolver resolver;
    private final Divisions divisions;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration verificationDue;

    CardRegistry(
            JdbcClient jdbc,
            UnitResolver resolver,
            Divisions divisions,
            AuditLog audit,
            Clock clock,
            @Value("${fanzha.cards.verification-due:7d}") Duration verificationDue) {
        this.jdbc = jdbc;
        this.resolver = resolver;
        this.divisions = divisions;
        this.audit = audit;
        this.clock = clock;
        this.verificationDue = verificationDue;
    }

    /** A case's phone or bank card identifier becomes a card record linked to the case (Chinese mobiles only for SIMs). */
    void fromCase(long caseId, IdentifierType type, String value, @Nullable String detail, Instant now) {
        String kind;
        String number;
        if (type == IdentifierType.BANK_CARD) {
            kind = "BANK_CARD";
            number = value;
        } else if (type == IdentifierType.PHONE && value.startsWith("+861") && value.length() == 14) {
            kind = "SIM";
            number = value.substring(3);
        } else {
            return;
        }
        long cardId = jdbc.sql("SELECT id FROM card WHERE kind = ? AND card_number = ?")
                .params(kind, number)
                .query(Long.class)
                .optional()
                .orElseGet(() -> {
                    var keys = new GeneratedKeyHolder();
                    jdbc.sql("INSERT INTO card (kind, card_number, issuer, first_seen) VALUES (?, ?, ?, ?)")
                            .params(
                                    kind,
                                    number,
                                    detail == null || detail.isEmpty() ? null : detail,
                                    Timestamp.from(now))
                            .update(keys, "id");
                    return keys.getKeyAs(Number.class).longValue();
                });
        boolean linked = jdbc.sql("SELECT COUNT(*) FROM case_card WHERE case_id = ? AND card_id = ?")
                        .params(caseId, cardId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!linked) {
            jdbc.sql("INSERT INTO case_card (case_id, card_id) VALUES (?, ?)")
                    .params(caseId, cardId)
                    .update();
        }
    }

    static Card map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        java.sql.Date opened = rs.getDate("opened_on");
        return new Card(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("card_number"),
                rs.getString("issuer"),
                rs.getString("owner_name"),
                rs.getString("owner_id_number"),
                rs.getString("outlet_code"),
                opened == null ? null : opened.toLocalDate(),
                rs.getObject("fund_level", Integer.class));
    }

    /**
     * The level at which fund tracing met each bank card (1: it received a victim's money, 一级卡,
     * the campaign's first targets); a card keeps the lowest level it was met at.
     */
    void fundLevels(java.util.Map<String, Integer> levels) {
        levels.forEach((number, level) -> jdbc.sql(
                        "UPDATE card SET fund_level = ? WHERE kind = 'BANK_CARD' AND card_number = ? AND (fund_level IS NULL OR fund_level > ?)")
                .params(level, number, level)
                .update());
    }

    Optional<Card> find(String kind, String number) {
        return jdbc.sql("SELECT * FROM card WHERE kind = ? AND card_number = ?")
                .params(kind, number)
                .query(CardRegistry::map)
                .optional();
    }

    Optional<Card> find(long id) {
        return jdbc.sql("SELECT * FROM card WHERE id = ?")
                .param(id)
                .query(CardRegistry::map)
                .optional();
    }

    /** A card as staff see it: the owner masked. */
    Card masked(Card c) {
        return new Card(
                c.id(),
                c.kind(),
                c.kind().equals("SIM") ? Masking.phone(c.number()) : Masking.cardNumber(c.number()),
                c.issuer(),
                Masking.name(c.ownerName()),
                Masking.idNumber(c.ownerIdNumber()),
                c.outletCode(),
                c.openedOn(),
                c.fundLevel());
    }

    /** The cases a card was used in (id, number, unit). */
    List<Map<String, Object>> casesOf(long cardId) {
        return jdbc.sql("""
                        SELECT f.id, f.case_number, f.unit_code FROM case_card cc JOIN fraud_case f ON f.id = cc.case_id
                        WHERE cc.card_id = ? ORDER BY f.occurred_at DESC""").param(cardId).query().listOfRows();
    }

    /** Normalises a card given as kind and number (SIM: a Chinese mobile; BANK_CARD: Luhn-checked). */
    static String[] parse(String kind, String number) {
        try {
            if (kind.equalsIgnoreCase("SIM")) {
                String e164 =
                        Identifiers.normalise(IdentifierType.PHONE, number).value();
                if (!e164.startsWith("+861") || e164.length() != 14) {
                    throw new InvalidInput("number", "error.chineseMobileNumber", null);
                }
                return new String[] {"SIM", e164.substring(3)};
            }
            if (kind.equalsIgnoreCase("BANK_CARD")) {
                return new String[] {
                    "BANK_CARD",
                    Identifiers.normalise(IdentifierType.BANK_CARD, number).value()
                };
            }
        } catch (Identifiers.InvalidIdentifier e) {
            throw e.asInput("number", null);
        }
        throw new InvalidInput("kind", "error.simBANKCARD", kind.length() > 20 ? kind.substring(0, 20) : kind);
    }

    /**
     * A bank or operator registers the owner and the opening outlet of a card used in fraud; the
     * card gets a verification task for the unit of the owner's ID number (else the outlet's).
     */
    @Transactional
    Verification register(String kind, String number, Registration r, Actor actor) {
        String[] card = parse(kind, number);
        Card c = find(card[0], card[1]).orElseThrow(() -> new CardNotFound("problem.cardNotFound.detail"));
        List<FieldError> errors = new ArrayList<>();
        String idNumber = null;
        if (r.ownerIdNumber() != null && !r.ownerIdNumber().isBlank()) {
            try {
                idNumber = Identifiers.normalise(IdentifierType.ID_NUMBER, r.ownerIdNumber())
                        .value();
            } catch (Identifiers.InvalidIdentifier e) {
                errors.add(e.at("ownerIdNumber", null));
            }
        }
        if (r.issuer() != null && r.issuer().strip().length() > 100) {
            errors.add(new FieldError("issuer", "error.atMost100Characters", null));
        }
        if (r.ownerName() != null && r.ownerName().length() > 50) {
            errors.add(new FieldError("ownerName", "error.atMost50Characters", null));
        }
        String outlet = r.outletCode() == null || r.outletCode().isBlank()
                ? null
                : r.outletCode().strip();
        if (outlet != null) {
            if (outlet.length() > 40) {
                errors.add(new FieldError("outletCode", "error.atMost40Characters", null));
            }
            if (r.outletName() == null
                    || r.outletName().isBlank()
                    || r.outletName().length() > 100) {
                errors.add(new FieldError("outletName", "error.outletNameAtMost100Characters", null));
            }
            if (!"BANK_BRANCH".equals(r.outletKind()) && !"TELECOM_HALL".equals(r.outletKind())) {
                errors.add(new FieldError("outletKind", "error.bankBRANCHTELECOMHALL", r.outletKind()));
            }
            if (r.outletDivision() != null && divisions.find(r.outletDivision()).isEmpty()) {
                errors.add(new FieldError("outletDivision", "error.divisionCode", r.outletDivision()));
            }
            if (r.outletYearlyOpenings() != null && r.outletYearlyOpenings() < 1) {
                errors.add(new FieldError("outletYearlyOpenings", "error.positiveNumber", r.outletYearlyOpenings()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (outlet != null) {
            jdbc.sql("DELETE FROM outlet WHERE code = ? AND NOT EXISTS (SELECT 1 FROM card WHERE outlet_code = ?)")
                    .params(outlet, outlet)
                    .update();
            int updated = jdbc.sql("UPDATE outlet SET name = ?, kind = ?, division_code = COALESCE(?, division_code), "
                            + "yearly_openings = COALESCE(?, yearly_openings) WHERE code = ?")
                    .params(
                            r.outletName().strip(),
                            r.outletKind(),
                            r.outletDivision(),
                            r.outletYearlyOpenings(),
                            outlet)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO outlet (code, name, kind, division_code, yearly_openings) VALUES (?, ?, ?, ?, ?)")
                        .params(
                                outlet,
                                r.outletName().strip(),
                                r.outletKind(),
                                r.outletDivision(),
                                r.outletYearlyOpenings())
                        .update();
            }
        }
        jdbc.sql("""
                        UPDATE card SET owner_name = COALESCE(?, owner_name), owner_id_number = COALESCE(?, owner_id_number),
                            issuer = COALESCE(?, issuer), outlet_code = COALESCE(?, outlet_code), opened_on = COALESCE(?, opened_on)
                        WHERE id = ?""")
                .params(
                        r.ownerName() == null || r.ownerName().isBlank()
                                ? null
                                : r.ownerName().strip(),
                        idNumber,
                        r.issuer() == null || r.issuer().isBlank()
                                ? null
                                : r.issuer().strip(),
                        outlet,
                        r.openedOn() == null ? null : java.sql.Date.valueOf(r.openedOn()),
                        c.id())
                .update();
        audit.record("REGISTER", "card", Long.toString(c.id()), "owner and outlet from " + actor.name());
        var open = jdbc.sql("SELECT * FROM card_verification WHERE card_id = ? AND state = 'OPEN'")
                .param(c.id())
                .query(CardRegistry::verification)
                .optional();
        if (open.isPresent()) {
            return open.get();
        }
        String unit;
        String routedBy;
        UnitResolution byHome = r.ownerAddress() == null
                        || r.ownerAddress().isBlank()
                        || r.ownerAddress().length() > 200
                ? null
                : resolver.byAddress(r.ownerAddress());
        UnitResolution byId = idNumber == null ? null : resolver.byIdNumber(idNumber);
        if (byHome != null && byHome.status() == UnitResolution.Status.RESOLVED && byHome.unit() != null) {
            unit = unitOf(byHome.unit().code());
            routedBy =
                    org.fanzha.platform.Texts.join(org.fanzha.platform.Texts.encode("route.ownerHome"), byHome.basis());
        } else if (byId != null && byId.status() == UnitResolution.Status.RESOLVED && byId.unit() != null) {
            unit = byId.unit().code();
            routedBy = org.fanzha.platform.Texts.join(org.fanzha.platform.Texts.encode("route.ownerId"), byId.basis());
        } else if (r.outletDivision() != null) {
            unit = unitOf(r.outletDivision());
            routedBy = org.fanzha.platform.Texts.encode("route.outlet", r.outletDivision());
        } else {
            unit = actor.unitCode();
            routedBy = org.fanzha.platform.Texts.encode("route.registeringUnit");
        }
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO card_verification (card_id, unit_code, routed_by, due_at, state, created_at)
                        VALUES (?, ?, ?, ?, 'OPEN', ?)""")
                .params(c.id(), unit, routedBy, Timestamp.from(now.plus(verificationDue)), Timestamp.from(now))
                .update(keys, "id");
        return verification(keys.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    private String unitOf(String division) {
        String code = division;
        while (code != null) {
            var d = divisions.find(code);
            if (d.isPresent() && d.get().unit()) {
                return d.get().code();
            }
            code = d.map(x -> x.parentCode()).orElse(null);
        }
        return division;
    }

    static Verification verification(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        return new Verification(
                rs.getLong("id"),
                rs.getLong("card_id"),
                rs.getString("unit_code"),
                rs.getString("routed_by"),
                rs.getTimestamp("due_at").toInstant(),
                rs.getString("state"),
                rs.getString("result"),
                rs.getString("note"),
                rs.getString("done_by"),
                done == null ? null : done.toInstant());
    }

    Optional<Verification> verification(long id) {
        return jdbc.sql("SELECT * FROM card_verification WHERE id = ?")
                .param(id)
                .query(CardRegistry::verification)
                .optional();
    }

    List<Verification> verificationsOf(long cardId) {
        return jdbc.sql("SELECT * FROM card_verification WHERE card_id = ? ORDER BY id")
                .param(cardId)
                .query(CardRegistry::verification)
                .list();
    }

    /** Verification tasks of the jurisdiction, open ones by due time first. */
    List<Verification> verifications(String jurisdiction, @Nullable String state, int limit) {
        return jdbc.sql("""
                        SELECT * FROM card_verification WHERE unit_code LIKE ? AND (CAST(? AS VARCHAR(10)) IS NULL OR state = ?)
                        ORDER BY state DESC, due_at LIMIT ?""")
                .params(jurisdiction + "%", state, state, limit)
                .query(CardRegistry::verification)
                .list();
    }

    @Transactional
    Verification verify(long id, @Nullable String result, @Nullable String note, Actor actor) {
        return verify(id, result, note, null, actor);
    }

    /** Records what the verification found, and the recruiter (卡头) the owner names, if any. */
    @Transactional
    Verification verify(
            long id, @Nullable String result, @Nullable String note, @Nullable String recruiter, Actor actor) {
        var v = jdbc.sql("SELECT * FROM card_verification WHERE id = ? FOR UPDATE")
                .param(id)
                .query(CardRegistry::verification)
                .optional()
                .filter(x -> actor.covers(x.unitCode()))
                .orElseThrow(() -> new CardNotFound("problem.verificationNotFound.detail", id));
        VerificationResult r;
        try {
            r = VerificationResult.valueOf(result == null ? "" : result.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(
                    "result", "error.oneOf", result, java.util.Arrays.toString(VerificationResult.values()));
        }
        if (!v.state().equals("OPEN")) {
            throw new VerificationDone(id);
        }
        if (note != null && note.length() > 2000) {
            throw new InvalidInput("note", "error.atMost2000Characters", null);
        }
        Instant now = clock.instant();
        String who = recruiter == null || recruiter.isBlank() ? null : recruiter.strip();
        if (who != null && who.length() > 100) {
            throw new InvalidInput("recruiter", "error.atMost100Characters", null);
        }
        if (who != null) {
            // a phone number names the recruiter the same way whoever wrote it
            try {
                who = Identifiers.normalise(IdentifierType.PHONE, who).value();
            } catch (Identifiers.InvalidIdentifier e) {
                who = who.replaceAll("\\s+", " ");
            }
        }
        jdbc.sql(
                        "UPDATE card_verification SET state = 'DONE', result = ?, note = ?, done_by = ?, done_at = ?, recruiter = ? WHERE id = ?")
                .params(r.name(), note, actor.name(), Timestamp.from(now), who, id)
                .update();
        audit.record("VERIFY", "card", Long.toString(v.cardId()), r.name());
        return verification(id).orElseThrow();
    }

    /**
     * Verifications past their deadline go to the parent unit with a new deadline, and its duty
     * staff are told (claimed with SKIP LOCKED, so with several instances each moves once).
     */
    @Transactional
    int escalateDue(org.fanzha.platform.Notifier notifier) {
        Instant now = clock.instant();
        var due = jdbc.sql("""
                        SELECT * FROM card_verification WHERE state = 'OPEN' AND due_at <= ? ORDER BY due_at LIMIT 100
                        FOR UPDATE SKIP LOCKED""")
                .param(Timestamp.from(now))
                .query(CardRegistry::verification)
                .list();
        for (var v : due) {
            String parent =
                    divisions.find(v.unitCode()).map(d -> d.parentCode()).orElse(null);
            String target = parent == null ? v.unitCode() : parent;
            jdbc.sql("""
                            UPDATE card_verification SET unit_code = ?, due_at = ?, escalations = escalations + 1,
                                routed_by = ? WHERE id = ?""")
                    .params(
                            target,
                            Timestamp.from(now.plus(verificationDue)),
                            escalatedBasis(v.unitCode(), v.routedBy()),
                            v.id())
                    .update();
            notifier.notify(new org.fanzha.platform.Notifier.Notice(
                    target,
                    "VERIFICATION_OVERDUE",
                    "verification " + v.id(),
                    org.fanzha.platform.Texts.encode("notices.text.verificationOverdue", v.id(), v.unitCode()),
                    "/cards"));
        }
        return due.size();
    }

    /** Outlets by the fraud cards they opened, counted over the cases that happened in the period. */
    List<OutletRank> ranking(Instant from, Instant to, int limit) {
        // a card counts once however many of the period's cases used it: a semi-join (EXISTS), grouped
        // by outlet code alone, rather than COUNT(DISTINCT) over every case link (twice as fast at a
        // million cards, docs/benchmarks.md)
        return jdbc.sql("""
                        WITH per_outlet AS (
                            SELECT c.outlet_code, COUNT(*) AS cards FROM card c
                            WHERE c.outlet_code IS NOT NULL AND EXISTS (
                                SELECT 1 FROM case_card cc JOIN fraud_case f ON f.id = cc.case_id
                                WHERE cc.card_id = c.id AND f.occurred_at >= ? AND f.occurred_at < ?)
                            GROUP BY c.outlet_code)
                        SELECT o.code, o.name, o.kind, o.division_code, o.yearly_openings, p.cards
                        FROM per_outlet p JOIN outlet o ON o.code = p.outlet_code
                        ORDER BY p.cards DESC, o.code LIMIT ?""")
                .params(Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, i) -> {
                    long cards = rs.getLong("cards");
                    int size = rs.getInt("yearly_openings");
                    return new OutletRank(
                            rs.getString("code"),
                            rs.getString("name"),
                            rs.getString("kind"),
                            rs.getString("division_code"),
                            cards,
                            rs.wasNull() || size == 0 ? null : cards * 1000.0 / size);
                })
                .list();
    }
}
