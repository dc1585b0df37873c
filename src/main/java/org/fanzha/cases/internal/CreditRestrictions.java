package org.fanzha.cases.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CreditProperties;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 失信惩戒: a restriction is proposed by the unit that verified a card (or that holds the
 * determination), approved by a commander at city level or above, notified in writing, open to an
 * appeal that a reviewer decides, in force for the period of its basis (2 years after a police
 * determination, 3 after a criminal conviction by default) and never more than 5 years in a row,
 * and can be lifted early with a reason. Banks and operators query it, rate-limited and audited.
 */
@Service
class CreditRestrictions {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static class RestrictionNotFound extends ProblemException {
        RestrictionNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "restriction-not-found",
                    "problem.notFound.title",
                    "problem.restrictionNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static class WrongState extends ProblemException {
        WrongState(String detail, Object... args) {
            super(
                    HttpStatus.CONFLICT,
                    "wrong-state",
                    "problem.wrongState.title",
                    detail,
                    args(args),
                    java.util.Map.of());
        }
    }

    static class TooManyChecks extends ProblemException {
        TooManyChecks() {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-checks",
                    "problem.tooManyChecks.title",
                    "problem.tooManyChecks.detail");
        }
    }

    record Restriction(
            long id,
            String idNumber,
            @Nullable String personName,
            @Nullable Long cardId,
            @Nullable Long verificationId,
            String basis,
            String reason,
            String state,
            String unitCode,
            String proposedBy,
            @Nullable String decidedBy,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate until,
            @Nullable LocalDate noticeServedOn,
            @Nullable String noticeReference,
            String appealState,
            @Nullable String appealReason,
            @Nullable String liftedReason) {

        Restriction masked() {
            return new Restriction(
                    id,
                    Masking.idNumber(idNumber),
                    Masking.name(personName),
                    cardId,
                    verificationId,
                    basis,
                    reason,
                    state,
                    unitCode,
                    proposedBy,
                    decidedBy,
                    startsOn,
                    until,
                    noticeServedOn,
                    noticeReference,
                    appealState,
                    appealReason,
                    liftedReason);
        }
    }

    /** The answer partners get. */
    record Check(
            boolean restricted,
            @Nullable LocalDate until,
            @Nullable String basis) {}

    record Proposal(
            @Nullable Long verificationId,
            @Nullable String idNumber,
            @Nullable String personName,
            @Nullable String basis,
            @Nullable String reason) {}

    private final JdbcClient jdbc;
    private final CardRegistry cards;
    private final CreditProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<Long, long[]> perToken = new ConcurrentHashMap<>();

    CreditRestrictions(JdbcClient jdbc, CardRegistry cards, CreditProperties properties, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    static Restriction map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Date starts = rs.getDate("starts_on");
        Date until = rs.getDate("until");
        Date notice = rs.getDate("notice_served_on");
        Long card = rs.getObject("card_id") == null ? null : rs.getLong("card_id");
        Long verification = rs.getObject("verification_id") == null ? null : rs.getLong("verification_id");
        return new Restriction(
                rs.getLong("id"),
                rs.getString("id_number"),
                rs.getString("person_name"),
                card,
                verification,
                rs.getString("basis"),
                rs.getString("reason"),
                rs.getString("state"),
                rs.getString("unit_code"),
                rs.getString("proposed_by"),
                rs.getString("decided_by"),
                starts == null ? null : starts.toLocalDate(),
                until == null ? null : until.toLocalDate(),
                notice == null ? null : notice.toLocalDate(),
                rs.getString("notice_reference"),
                rs.getString("appeal_state"),
                rs.getString("appeal_reason"),
                rs.getString("lifted_reason"));
    }

    private Restriction visible(long id, Actor actor, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM credit_restriction WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(id)
                .query(CreditRestrictions::map)
                .optional()
                .filter(r -> actor.covers(r.unitCode()))
                .orElseThrow(() -> new RestrictionNotFound(id));
    }

    @Transactional(readOnly = true)
    Restriction get(long id, Actor actor) {
        return visible(id, actor, false).masked();
    }

    @Transactional(readOnly = true)
    List<Restriction> list(Actor actor, @Nullable String state) {
        return jdbc.sql("""
                        SELECT * FROM credit_restriction WHERE unit_code LIKE ? AND (CAST(? AS VARCHAR(10)) IS NULL OR state = ?)
                        ORDER BY proposed_at DESC LIMIT 500""").params(actor.unitCode() + "%", state, state).query(CreditRestrictions::map).list().stream()
                .map(Restriction::masked)
                .toList();
    }

    @Transactional
    Restriction propose(Proposal p, Actor actor) {
        if (p.basis() == null
                || !List.of("POLICE_DETERMINATION", "CRIMINAL_CONVICTION").contains(p.basis())) {
            throw new InvalidInput("basis", "error.policeDETERMINATIONCRIMINALCONVICTION", p.basis());
        }
        if (p.reason() == null || p.reason().isBlank() || p.reason().length() > 2000) {
            throw new InvalidInput("reason", "error.factsDeterminationAtMost2000", null);
        }
        String idNumber;
        String name = p.personName();
        Long cardId = null;
        String unit = actor.unitCode();
        if (p.verificationId() != null) {
            var v = cards.verification(p.verificationId())
                    .filter(x -> actor.covers(x.unitCode()))
                    .orElseThrow(() -> new InvalidInput(
                            "verificationId", "error.verificationYourJurisdiction", p.verificationId()));
            if (!v.state().equals("DONE")
                    || !List.of("SOLD", "RENTED", "LENT", "VERIFICATION_HELP").contains(v.result())) {
                throw new InvalidInput(
                        "verificationId", "error.verificationThatFoundCardSoldRented", p.verificationId());
            }
            var card = cards.find(v.cardId()).orElseThrow();
            if (card.ownerIdNumber() == null) {
                throw new InvalidInput("verificationId", "error.cardWhoseOwnerRegistered", p.verificationId());
            }
            idNumber = card.ownerIdNumber();
            name = name == null ? card.ownerName() : name;
            cardId = card.id();
            unit = v.unitCode();
        } else {
            try {
                idNumber = Identifiers.normalise(IdentifierType.ID_NUMBER, p.idNumber() == null ? "" : p.idNumber())
                        .value();
            } catch (Identifiers.InvalidIdentifier e) {
                throw e.asInput("idNumber", null);
            }
        }
        if (name != null && name.length() > 50) {
            throw new InvalidInput("personName", "error.atMost50Characters", null);
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO credit_restriction (id_number, person_name, card_id, verification_id, basis, reason, state, unit_code,
                            proposed_by, proposed_at, appeal_state) VALUES (?, ?, ?, ?, ?, ?, 'PROPOSED', ?, ?, ?, 'NONE')""")
                .params(
                        idNumber,
                        name,
                        cardId,
                        p.verificationId(),
                        p.basis(),
                        p.reason().strip(),
                        unit,
                        actor.name(),
                        Timestamp.from(clock.instant()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record(
                "PROPOSE", "credit_restriction", Long.toString(id), p.basis() + " for " + Masking.idNumber(idNumber));
        return visible(id, actor, false).masked();
    }

    /** A commander at city level or above approves (the restriction is in force from today) or rejects. */
    @Transactional
    Restriction decide(long id, boolean approve, Actor actor) {
        if (!actor.roles().contains(Role.COMMANDER) || actor.unitCode().length() > 4) {
            throw new org.fanzha.platform.Forbidden("problem.forbidden.creditCommander");
        }
        var r = visible(id, actor, true);
        if (!r.state().equals("PROPOSED")) {
            throw new WrongState(
                    "problem.credit.notProposed", id, org.fanzha.platform.Texts.key("cards.state." + r.state()));
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        LocalDate starts = null;
        LocalDate until = null;
        if (approve) {
            starts = today;
            until = today.plus(
                    r.basis().equals("CRIMINAL_CONVICTION")
                            ? properties.criminalConviction()
                            : properties.policeDetermination());
            // never more than the longest continuous period in a row, counted from the earliest restriction still in
            // force
            LocalDate earliest = jdbc.sql("""
                            SELECT MIN(starts_on) FROM credit_restriction WHERE id_number = ? AND state = 'IN_FORCE' AND until >= ?""")
                    .params(r.idNumber(), Date.valueOf(today))
                    .query(Date.class)
                    .optional()
                    .map(Date::toLocalDate)
                    .orElse(today);
            LocalDate cap = earliest.plus(properties.longestContinuous());
            if (until.isAfter(cap)) {
                until = cap;
            }
        }
        jdbc.sql("""
                        UPDATE credit_restriction SET state = ?, decided_by = ?, decided_at = ?, starts_on = ?, until = ? WHERE id = ?""")
                .params(
                        approve ? "IN_FORCE" : "REJECTED",
                        actor.name(),
                        Timestamp.from(clock.instant()),
                        starts == null ? null : Date.valueOf(starts),
                        until == null ? null : Date.valueOf(until),
                        id)
                .update();
        audit.record(
                approve ? "APPROVE" : "REJECT",
                "credit_restriction",
                Long.toString(id),
                approve ? "until " + until : "");
        return visible(id, actor, false).masked();
    }

    @Transactional
    Restriction notice(long id, @Nullable LocalDate servedOn, @Nullable String reference, Actor actor) {
        var r = visible(id, actor, true);
        if (!r.state().equals("IN_FORCE")) {
            throw new WrongState("problem.credit.notifyInForce");
        }
        if (servedOn == null || reference == null || reference.isBlank() || reference.length() > 100) {
            throw new InvalidInput("reference", "error.noticeDateServedOnDocumentReferenceAt", null);
        }
        jdbc.sql("UPDATE credit_restriction SET notice_served_on = ?, notice_reference = ? WHERE id = ?")
                .params(Date.valueOf(servedOn), reference.strip(), id)
                .update();
        audit.record("NOTICE", "credit_restriction", Long.toString(id), reference.strip());
        return visible(id, actor, false).masked();
    }

    @Transactional
    Restriction appeal(long id, @Nullable String reason, Actor actor) {
        var r = visible(id, actor, true);
        if (!r.state().equals("IN_FORCE") || !r.appealState().equals("NONE")) {
            throw new WrongState("problem.credit.appealOnce");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw new InvalidInput("reason", "error.personGroundsAtMost2000", null);
        }
        jdbc.sql("UPDATE credit_restriction SET appeal_state = 'OPEN', appeal_reason = ? WHERE id = ?")
                .params(reason.strip(), id)
                .update();
        audit.record("APPEAL", "credit_restriction", Long.toString(id), "");
        return visible(id, actor, false).masked();
    }

    @Transactional
    Restriction decideAppeal(long id, boolean lift, @Nullable String note, Actor actor) {
        if (!actor.roles().contains(Role.COMMANDER)) {
            throw new org.fanzha.platform.Forbidden("problem.forbidden.appealCommander");
        }
        var r = visible(id, actor, true);
        if (!r.appealState().equals("OPEN")) {
            throw new WrongState("problem.credit.noOpenAppeal", id);
        }
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw new InvalidInput("note", "error.reasonDecisionAtMost2000", null);
        }
        jdbc.sql("""
                        UPDATE credit_restriction SET appeal_state = ?, appeal_decided_by = ?,
                            state = CASE WHEN ? THEN 'LIFTED' ELSE state END,
                            lifted_reason = CASE WHEN ? THEN ? ELSE lifted_reason END,
                            lifted_at = CASE WHEN ? THEN ? ELSE lifted_at END WHERE id = ?""")
                .params(
                        lift ? "LIFTED" : "UPHELD",
                        actor.name(),
                        lift,
                        lift,
                        note.strip(),
                        lift,
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        audit.record(lift ? "LIFT" : "UPHOLD", "credit_restriction", Long.toString(id), note.strip());
        return visible(id, actor, false).masked();
    }

    @Transactional
    Restriction lift(long id, @Nullable String reason, Actor actor) {
        var r = visible(id, actor, true);
        if (!r.state().equals("IN_FORCE")) {
            throw new WrongState("problem.credit.liftInForce");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw new InvalidInput("reason", "error.whyItLiftedEarlyAtMost", null);
        }
        jdbc.sql("UPDATE credit_restriction SET state = 'LIFTED', lifted_reason = ?, lifted_at = ? WHERE id = ?")
                .params(reason.strip(), Timestamp.from(clock.instant()), id)
                .update();
        audit.record("LIFT", "credit_restriction", Long.toString(id), reason.strip());
        return visible(id, actor, false).masked();
    }

    /** Whether a person is restricted today; counted against the token's rate and audited. */
    @Transactional
    Check check(@Nullable String idNumber, Actor actor) {
        long minute = clock.millis() / 60_000;
        long[] slot = perToken.compute(actor.id() * 31 + actor.kind().ordinal(), (k, v) -> {
            if (v == null || v[0] != minute) {
                return new long[] {minute, 1};
            }
            v[1]++;
            return v;
        });
        if (slot[1] > properties.checksPerMinute()) {
            throw new TooManyChecks();
        }
        String id;
        try {
            id = Identifiers.normalise(IdentifierType.ID_NUMBER, idNumber == null ? "" : idNumber)
                    .value();
        } catch (Identifiers.InvalidIdentifier e) {
            throw e.asInput("idNumber", null);
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        Optional<Restriction> inForce = jdbc.sql("""
                        SELECT * FROM credit_restriction WHERE id_number = ? AND state = 'IN_FORCE' AND starts_on <= ? AND until >= ?
                        ORDER BY until DESC LIMIT 1""")
                .params(id, Date.valueOf(today), Date.valueOf(today))
                .query(CreditRestrictions::map)
                .optional();
        audit.record(
                "CREDIT_CHECK",
                "credit_restriction",
                Masking.idNumber(id),
                (inForce.isPresent() ? "restricted" : "not restricted") + " (" + actor.name() + ")");
        return inForce.map(r -> new Check(true, r.until(), r.basis())).orElse(new Check(false, null, null));
    }
}
