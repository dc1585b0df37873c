package org.fanzha.funds.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.fanzha.appeals.AppealSubject;
import org.fanzha.appeals.Subject;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The holder of a frozen account (or card) appeals the freeze in force on it; police of the
 * freezing unit's jurisdiction decide, and lifting releases it (解冻) as a release by hand does.
 */
@Component
class FreezeAppeals implements AppealSubject {

    static final String KIND = "FREEZE";
    static final String TYPE = "FROZEN_ACCOUNT";

    private final JdbcClient jdbc;
    private final FundRequests requests;
    private final Freezes freezes;
    private final Clock clock;

    FreezeAppeals(JdbcClient jdbc, FundRequests requests, Freezes freezes, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.freezes = freezes;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean takes(String type) {
        return TYPE.equals(type);
    }

    @Override
    public Optional<Subject> find(String type, String value, @Nullable String proof) {
        String account = value.replaceAll("[\\s-]", "");
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!account.matches("\\d{6,32}")) {
            errors.add(FieldError.of("value", "error.appealAccount", null));
        }
        if (proof == null || proof.isBlank() || proof.strip().length() > 60) {
            errors.add(FieldError.of("proof", "error.appealFreezeDocument", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        // the account and the notice's number together, so that nobody learns of a freeze
        // on someone else's account by trying numbers
        return jdbc.sql("""
                        SELECT id, unit_code FROM fund_request
                        WHERE kind = 'FREEZE' AND state IN ('FROZEN', 'PARTIAL') AND account = ?
                          AND document_number = ?
                        ORDER BY id DESC LIMIT 1""")
                .params(account, proof.strip())
                .query((rs, i) -> new Subject(KIND, Long.toString(rs.getLong(1)), TYPE, account, rs.getString(2)))
                .optional();
    }

    @Override
    public boolean decides(Actor actor, Subject subject) {
        return actor.isStaff()
                && actor.can(Permission.FUNDS_REQUEST)
                && subject.unitCode() != null
                && actor.covers(subject.unitCode());
    }

    @Override
    public void filed(Subject subject, long appealId, String appellant, String reason) {
        requests.event(
                Long.parseLong(subject.ref()),
                clock.instant(),
                "APPEALED",
                "appellant",
                clip("申诉 " + appealId + "：" + reason));
    }

    @Override
    public void upheld(Subject subject, long appealId, String note, Actor actor) {
        requests.event(Long.parseLong(subject.ref()), clock.instant(), "APPEAL_UPHELD", actor.name(), clip(note));
    }

    @Override
    public void lift(Subject subject, long appealId, String note, Actor actor) {
        freezes.release(Long.parseLong(subject.ref()), null, clip("申诉 " + appealId + " 成立：" + note), actor);
    }

    private static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 999) + "…" : s;
    }
}
