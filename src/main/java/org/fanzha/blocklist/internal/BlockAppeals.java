package org.fanzha.blocklist.internal;

import java.util.Optional;
import java.util.Set;
import org.fanzha.appeals.AppealSubject;
import org.fanzha.appeals.Subject;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Names;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** A blocked site's owner appeals the entry that blocks it; blocklist reviewers decide. */
@Component
class BlockAppeals implements AppealSubject {

    static final String KIND = "BLOCK_ENTRY";

    private final Checks checks;
    private final BlockStore store;
    private final Blocklist blocklist;

    BlockAppeals(Checks checks, BlockStore store, Blocklist blocklist) {
        this.checks = checks;
        this.store = store;
        this.blocklist = blocklist;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean takes(String type) {
        return Set.of("URL", "DOMAIN", "IP").contains(type);
    }

    @Override
    public Optional<Subject> find(String type, String value, @Nullable String proof) {
        try {
            Names.url(value);
        } catch (Names.InvalidName e) {
            throw new InvalidInput(java.util.List.of(FieldError.of("value", e.key(), null, e.args())));
        }
        Long id = checks.lookup(value).appealableEntry();
        return Optional.ofNullable(id)
                .flatMap(store::find)
                .filter(e -> e.state() == EntryState.ACTIVE)
                .map(e -> new Subject(
                        KIND,
                        Long.toString(e.id()),
                        switch (e.scope()) {
                            case URL_PREFIX -> "URL";
                            case IP -> "IP";
                            default -> "DOMAIN";
                        },
                        e.value(),
                        null));
    }

    @Override
    public boolean decides(Actor actor, Subject subject) {
        return actor.can(Permission.BLOCKLIST_REVIEW);
    }

    @Override
    public void filed(Subject subject, long appealId, String appellant, String reason) {
        blocklist.appealFiled(Long.parseLong(subject.ref()), appealId, appellant, reason);
    }

    @Override
    public void upheld(Subject subject, long appealId, String note, Actor actor) {
        blocklist.appealUpheld(Long.parseLong(subject.ref()), note, actor);
    }

    @Override
    public void lift(Subject subject, long appealId, String note, Actor actor) {
        blocklist.appealLifted(Long.parseLong(subject.ref()), note, actor);
    }
}
