package org.fanzha.risk.internal;

import java.util.List;
import java.util.Optional;
import org.fanzha.appeals.AppealSubject;
import org.fanzha.appeals.Subject;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.RiskType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The holder of a listed phone, account, id, app or wallet appeals its entry; risk reviewers (at
 * the province or a city) decide. Lifting is a review that clears the entry for the review
 * validity: the value leaves the index of every instance, the change feed and Kafka within a
 * second of the commit.
 */
@Component
class RiskAppeals implements AppealSubject {

    static final String KIND = "RISK_ENTRY";

    private final RiskStore store;
    private final RiskEntries entries;

    RiskAppeals(RiskStore store, RiskEntries entries) {
        this.store = store;
        this.entries = entries;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean takes(String type) {
        return RiskType.parse(type).filter(t -> !t.site()).isPresent();
    }

    @Override
    public Optional<Subject> find(String type, String value, @Nullable String proof) {
        RiskType t = RiskType.parse(type).orElseThrow();
        Identifiers.Identifier id;
        try {
            id = Identifiers.normalise(t.identifier(), value);
        } catch (Identifiers.InvalidIdentifier e) {
            throw new InvalidInput(List.of(e.at("value", value.length() > 100 ? null : value)));
        }
        return store.find(id.type(), id.value())
                .filter(e -> e.level() != RiskLevel.NONE)
                .map(e -> new Subject(KIND, Long.toString(e.id()), t.name(), e.value(), null));
    }

    @Override
    public boolean decides(Actor actor, Subject subject) {
        return actor.can(Permission.RISK_REVIEW) && actor.unitCode().length() <= 4;
    }

    @Override
    public void filed(Subject subject, long appealId, String appellant, String reason) {
        long id = Long.parseLong(subject.ref());
        RiskLevel level = store.find(id).map(RiskStore.Entry::level).orElse(null);
        store.event(
                id, entries.now(), "appellant", "APPEALED", level, level, clip("appeal " + appealId + ": " + reason));
    }

    @Override
    public void upheld(Subject subject, long appealId, String note, Actor actor) {
        long id = Long.parseLong(subject.ref());
        RiskLevel level = store.find(id).map(RiskStore.Entry::level).orElse(null);
        store.event(id, entries.now(), actor.name(), "APPEAL_UPHELD", level, level, clip(note));
    }

    @Override
    public void lift(Subject subject, long appealId, String note, Actor actor) {
        entries.review(Long.parseLong(subject.ref()), RiskLevel.NONE, clip("申诉 " + appealId + "：" + note), null, actor);
    }

    private static String clip(String s) {
        return s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }
}
