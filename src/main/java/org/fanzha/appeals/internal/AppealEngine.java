package org.fanzha.appeals.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fanzha.appeals.AppealSubject;
import org.fanzha.appeals.Appeals;
import org.fanzha.appeals.AppealsProperties;
import org.fanzha.appeals.Subject;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FileTypes;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one appeal engine: a holder files against what a module lists, with evidence; the module's
 * reviewers decide; the module lifts. One appeal is open per subject at a time.
 */
@Service
class AppealEngine implements Appeals {

    /** What a holder sends. */
    record Filing(
            @Nullable String type,
            @Nullable String value,
            @Nullable String appellant,
            @Nullable String contact,
            @Nullable String reason,
            @Nullable String proof,
            List<Evidence> evidence) {}

    /** One file as it came, with the name its sender gave it; one too large is not read ({@code size} says how large). */
    record Evidence(@Nullable String name, byte[] bytes, long size) {
        Evidence(@Nullable String name, byte[] bytes) {
            this(name, bytes, bytes.length);
        }
    }

    /** A filed appeal: the token is shown to the holder this once and kept only as its hash. */
    record Filed(long id, String reference, String token, Subject subject) {}

    /** What the holder sees of their appeal. */
    record Status(
            String reference,
            String type,
            String value,
            String state,
            Instant filedAt,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote,
            int evidence) {}

    /** An appeal as a reviewer reads it, with the list of its files. */
    record Detail(Appeal appeal, List<AppealStore.EvidenceFile> files, boolean decides) {}

    static class AppealNotFound extends ProblemException {
        AppealNotFound(Object id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "appeal-not-found",
                    "problem.appealNotFound.title",
                    "problem.appealNotFound.detail",
                    args(String.valueOf(id)),
                    Map.of());
        }
    }

    static class WrongState extends ProblemException {
        WrongState(String detail, Object... args) {
            super(HttpStatus.CONFLICT, "wrong-state", "problem.wrongState.title", detail, args(args), Map.of());
        }
    }

    static final String TYPES = "URL, DOMAIN, IP, PHONE, BANK_CARD, BANK_ACCOUNT, PAYMENT_ACCOUNT, WECHAT, QQ, APP, "
            + "E_CNY, CRYPTO_ADDRESS, FROZEN_ACCOUNT";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Map<String, AppealSubject> subjects;
    private final AppealStore store;
    private final AppealsProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AppealEngine(
            List<AppealSubject> subjects,
            AppealStore store,
            AppealsProperties properties,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.subjects = subjects.stream().collect(Collectors.toMap(AppealSubject::kind, Function.identity()));
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    AppealsProperties properties() {
        return properties;
    }

    /** Files an appeal: every field is checked at once, and nothing is stored unless all hold. */
    Filed file(Filing f) {
        List<FieldError> errors = new ArrayList<>();
        String type = f.type() == null ? "" : f.type().strip().toUpperCase(java.util.Locale.ROOT);
        AppealSubject module = subjects.values().stream()
                .filter(s -> !type.isEmpty() && s.takes(type))
                .findFirst()
                .orElse(null);
        if (module == null) {
            errors.add(FieldError.of("type", "error.appealType", clip(f.type(), 30), TYPES));
        }
        String value = f.value() == null ? "" : f.value().strip();
        if (value.isEmpty() || value.length() > 2048) {
            errors.add(FieldError.of("value", "error.appealValue", null));
        }
        String appellant = text(f.appellant(), 200, "appellant", "error.whoAppealsSiteOwnerAtMost", errors);
        String contact = text(f.contact(), 200, "contact", "error.phoneNumberEMailAddressAt", errors);
        String reason = text(f.reason(), 4000, "reason", "error.whyBlockWrongAtMost4", errors);
        List<String> types = evidence(f.evidence(), errors);
        Subject subject = null;
        if (module != null && !value.isEmpty() && value.length() <= 2048) {
            try {
                subject = module.find(type, value, f.proof()).orElse(null);
                if (subject == null) {
                    errors.add(FieldError.of("value", "error.appealNothingListed", clip(value, 100)));
                }
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Subject s = subject;
        String token = token();
        Instant now = clock.instant();
        long id = tx.execute(status -> {
            if (store.open(s.kind(), s.ref())) {
                throw new WrongState("problem.appeal.openOn", s.value());
            }
            String reference = reference();
            long appealId = store.file(reference, hash(token), s, appellant, contact, reason, now);
            for (int i = 0; i < f.evidence().size(); i++) {
                byte[] bytes = f.evidence().get(i).bytes();
                store.evidence(appealId, name(f.evidence().get(i).name(), i), types.get(i), bytes, sha256(bytes));
            }
            module.filed(s, appealId, appellant, reason);
            audit.record(
                    "APPEAL",
                    "appeal",
                    Long.toString(appealId),
                    s.kind() + " " + s.ref() + " by " + appellant + ", "
                            + f.evidence().size() + " files");
            return appealId;
        });
        return new Filed(id, store.find(id).orElseThrow().reference(), token, s);
    }

    @Override
    public String file(String type, String value, String appellant, String contact, String reason) {
        return file(new Filing(type, value, appellant, contact, reason, null, List.of()))
                .reference();
    }

    /** The holder's view, for the reference and the token they were given. */
    Status status(String reference, @Nullable String token) {
        String ref = clip(reference, 20);
        String hash = ref == null ? null : store.tokenHash(ref).orElse(null);
        if (hash == null
                || token == null
                || token.length() > 64
                || !MessageDigest.isEqual(hash.getBytes(), hash(token).getBytes())) {
            throw new AppealNotFound(ref == null ? "" : ref);
        }
        Appeal a = store.byReference(ref).orElseThrow();
        return new Status(
                a.reference(),
                a.type(),
                a.value(),
                a.state(),
                a.filedAt(),
                a.decidedAt(),
                a.decisionNote(),
                a.evidence());
    }

    @Override
    public List<Appeal> of(String kind, String ref) {
        return store.of(kind, ref).stream().map(AppealEngine::masked).toList();
    }

    @Override
    public List<Appeal> list(@Nullable String kind, @Nullable String state, Actor actor, int limit) {
        if (kind != null && !subjects.containsKey(kind)) {
            throw InvalidInput.of("kind", "error.appealKind", clip(kind, 20), String.join(", ", subjects.keySet()));
        }
        if (state != null && !List.of("OPEN", "UPHELD", "LIFTED").contains(state)) {
            throw InvalidInput.of("state", "error.openUPHELDLIFTED", clip(state, 20));
        }
        if (limit < 1 || limit > 1000) {
            throw InvalidInput.of("limit", "error.riskLimit", limit, 1000);
        }
        if (subjects.values().stream().noneMatch(s -> mayDecideAny(s, actor))) {
            throw new org.fanzha.platform.Forbidden("problem.forbidden.appeals");
        }
        // a few thousand rows at most are read to find those the actor decides
        return store.list(kind, state, Math.min(5000, limit * 5)).stream()
                .filter(a -> decides(a, actor))
                .limit(limit)
                .map(AppealEngine::masked)
                .toList();
    }

    /** An appeal with its files, for a reviewer who decides it: a full view of the appellant's contact, audited. */
    Detail detail(long id, Actor actor) {
        Appeal a = store.find(id).filter(x -> decides(x, actor)).orElseThrow(() -> new AppealNotFound(id));
        audit.record("VIEW", "appeal", Long.toString(id), "appeal of " + a.kind() + " " + a.ref() + " read");
        return new Detail(a, store.files(id), true);
    }

    /** One file of an appeal, for a reviewer who decides it; audited. */
    AppealStore.EvidenceBytes evidence(long id, long evidenceId, Actor actor) {
        store.find(id).filter(x -> decides(x, actor)).orElseThrow(() -> new AppealNotFound(id));
        AppealStore.EvidenceBytes file =
                store.file(id, evidenceId).orElseThrow(() -> new AppealNotFound(id + "/" + evidenceId));
        audit.record("VIEW", "appeal_evidence", Long.toString(evidenceId), "evidence of appeal " + id + " viewed");
        return file;
    }

    @Override
    public Appeal decide(long id, @Nullable String kind, boolean lift, @Nullable String note, Actor actor) {
        if (note == null || note.isBlank() || note.strip().length() > 1000) {
            throw InvalidInput.of("note", "error.appealNote", null, 1000);
        }
        String n = note.strip();
        Appeal a = store.find(id)
                .filter(x -> (kind == null || x.kind().equals(kind)) && decides(x, actor))
                .orElseThrow(() -> new AppealNotFound(id));
        AppealSubject module = subjects.get(a.kind());
        Subject s = AppealStore.subject(a);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            String state = store.lockState(id).orElseThrow(() -> new AppealNotFound(id));
            if (!state.equals("OPEN")) {
                throw new WrongState(
                        "problem.appeal.decided", id, org.fanzha.platform.Texts.key("appeal.state." + state));
            }
            store.decide(id, lift ? "LIFTED" : "UPHELD", actor.name(), n, now);
            if (lift) {
                module.lift(s, id, n, actor);
            } else {
                module.upheld(s, id, n, actor);
            }
            audit.record(lift ? "LIFT" : "UPHOLD", "appeal", Long.toString(id), a.kind() + " " + a.ref() + ": " + n);
        });
        return store.find(id).orElseThrow();
    }

    private boolean decides(Appeal a, Actor actor) {
        AppealSubject module = subjects.get(a.kind());
        return module != null && module.decides(actor, AppealStore.subject(a));
    }

    /** Whether the actor decides appeals of this kind anywhere (a subject of their own unit stands for all). */
    private static boolean mayDecideAny(AppealSubject module, Actor actor) {
        return module.decides(actor, new Subject(module.kind(), "", "", "", actor.unitCode()));
    }

    /** In a list the appellant's contact is masked; the detail shows it, audited. */
    private static Appeal masked(Appeal a) {
        return new Appeal(
                a.id(),
                a.reference(),
                a.kind(),
                a.ref(),
                a.type(),
                a.value(),
                a.unitCode(),
                a.appellant(),
                java.util.Objects.requireNonNull(Masking.phone(a.contact())),
                a.reason(),
                a.state(),
                a.filedAt(),
                a.decidedBy(),
                a.decidedAt(),
                a.decisionNote(),
                a.evidence());
    }

    private List<String> evidence(List<Evidence> files, List<FieldError> errors) {
        List<String> types = new ArrayList<>();
        if (files.size() > properties.maxEvidenceFiles()) {
            errors.add(FieldError.of("evidence", "error.appealFiles", files.size(), properties.maxEvidenceFiles()));
            return types;
        }
        long max = properties.maxEvidenceSize().toBytes();
        for (int i = 0; i < files.size(); i++) {
            byte[] bytes = files.get(i).bytes();
            String t = FileTypes.sniff(bytes);
            if (files.get(i).size() > max) {
                errors.add(FieldError.of(
                        "evidence[" + i + "]",
                        "error.appealFileSize",
                        null,
                        properties.maxEvidenceSize().toMegabytes()));
            } else if (t == null) {
                errors.add(FieldError.of("evidence[" + i + "]", "error.appealFileType", null));
            }
            types.add(t == null ? "" : t);
        }
        return types;
    }

    private static String text(@Nullable String s, int max, String field, String key, List<FieldError> errors) {
        if (s == null || s.isBlank() || s.strip().length() > max) {
            errors.add(FieldError.of(field, key, null));
            return "";
        }
        return s.strip();
    }

    /** The file's name as given, without a path or control characters. */
    static String name(@Nullable String given, int i) {
        return org.fanzha.platform.Uploads.fileName(given, i);
    }

    private static @Nullable String clip(@Nullable String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }

    /** SS- and eight characters of Crockford's base32: easy to read out on the phone. */
    private String reference() {
        StringBuilder b = new StringBuilder("SS-");
        for (int i = 0; i < 8; i++) {
            b.append(CROCKFORD[random.nextInt(CROCKFORD.length)]);
        }
        return b.toString();
    }

    private String token() {
        return org.fanzha.platform.Uploads.token();
    }

    static String hash(String token) {
        return org.fanzha.platform.Uploads.sha256(token);
    }

    static String sha256(byte[] bytes) {
        return org.fanzha.platform.Uploads.sha256(bytes);
    }

    Optional<AppealSubject> subject(String kind) {
        return Optional.ofNullable(subjects.get(kind));
    }
}
