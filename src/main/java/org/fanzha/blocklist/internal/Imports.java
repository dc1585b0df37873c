package org.fanzha.blocklist.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.audit.AuditLog;
import org.fanzha.blocklist.EntryState;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of plain lists (one entry per line), hosts files ({@code 0.0.0.0 name …}) and CSV
 * ({@code value[,scope][,category][,evidence]}, a header row naming the columns optional). The
 * body is read as a stream and filed in chunks; every bad line is reported by number with the
 * reason, and the good lines are kept. One transaction and one serial for the whole import: when
 * the answer comes, every accepted entry matches.
 */
@Service
class Imports {

    static final int CHUNK = 5_000;
    static final int REPORTED = 10_000;
    private static final Set<String> HOSTS_NOISE = Set.of(
            "localhost",
            "localhost.localdomain",
            "local",
            "broadcasthost",
            "ip6-localhost",
            "ip6-loopback",
            "ip6-localnet",
            "ip6-mcastprefix",
            "ip6-allnodes",
            "ip6-allrouters",
            "ip6-allhosts",
            "0.0.0.0");

    enum Format {
        PLAIN,
        HOSTS,
        CSV
    }

    record Rejected(long line, String value, String reason) {}

    record Report(long id, long lines, int accepted, int duplicates, int rejectedCount, List<Rejected> rejected) {}

    private record Line(
            long number,
            String value,
            Scope scope,
            FraudType category,
            @Nullable String evidence) {}

    private final BlockStore store;
    private final Blocklist blocklist;
    private final BlocklistFeed feed;
    private final Matcher matcher;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Imports(
            BlockStore store,
            Blocklist blocklist,
            BlocklistFeed feed,
            Matcher matcher,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.blocklist = blocklist;
        this.feed = feed;
        this.matcher = matcher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Report importList(Format format, FraudType category, Source source, Scope scope, InputStream body, Actor actor) {
        if (actor.kind() == Actor.Kind.PARTNER && !actor.mayActFor(source)) {
            throw InvalidInput.of("source", "error.tokenSources", source, actor.sources());
        }
        EntryState state = blocklist.trusted(actor, source) ? EntryState.ACTIVE : EntryState.PENDING_REVIEW;
        String by = Blocklist.by(actor);
        Instant now = clock.instant();
        Report report = tx.execute(status -> {
            long serial = store.nextSerial(now);
            Counter counter = new Counter();
            List<Line> chunk = new ArrayList<>(CHUNK);
            read(format, category, scope, body, counter, line -> {
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    file(chunk, source, state, by, now, serial, counter);
                    chunk.clear();
                }
            });
            file(chunk, source, state, by, now, serial, counter);
            String text = counter.rejected.stream()
                    .map(r -> r.line() + "\t" + r.value() + "\t" + r.reason())
                    .reduce(new StringBuilder(), (sb, l) -> sb.append(l).append('\n'), StringBuilder::append)
                    .toString();
            long id = store.recordImport(
                    format.name(),
                    category,
                    source,
                    scope,
                    (int) Math.min(Integer.MAX_VALUE, counter.lines),
                    counter.accepted,
                    counter.duplicates,
                    counter.rejectedCount,
                    text,
                    by,
                    now);
            audit.record(
                    "IMPORT",
                    "block_import",
                    Long.toString(id),
                    format + " list from " + source + ": " + counter.accepted + " new (" + state + "), "
                            + counter.duplicates + " known, " + counter.rejectedCount + " rejected");
            return new Report(
                    id,
                    counter.lines,
                    counter.accepted,
                    counter.duplicates,
                    counter.rejectedCount,
                    List.copyOf(counter.rejected));
        });
        feed.catchUp();
        return report;
    }

    private static final class Counter {
        long lines;
        int accepted;
        int duplicates;
        int rejectedCount;
        final List<Rejected> rejected = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        void reject(long line, String value, String reason) {
            rejectedCount++;
            if (rejected.size() < REPORTED) {
                rejected.add(new Rejected(line, value.length() > 200 ? value.substring(0, 200) + "…" : value, reason));
            }
        }
    }

    private void read(
            Format format,
            FraudType category,
            Scope scope,
            InputStream body,
            Counter counter,
            java.util.function.Consumer<Line> sink) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder), 1 << 16)) {
            if (format == Format.CSV) {
                readCsv(reader, category, scope, counter, sink);
                return;
            }
            String text;
            long number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                counter.lines = number;
                if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                int comment = text.indexOf('#');
                String content = (comment >= 0 ? text.substring(0, comment) : text).strip();
                if (content.isEmpty() || content.startsWith("!")) {
                    continue;
                }
                if (text.length() > Names.MAX_URL + 100) {
                    counter.reject(number, text, "longer than " + Names.MAX_URL + " characters");
                    continue;
                }
                if (format == Format.HOSTS) {
                    String[] fields = content.split("\\s+");
                    if (fields.length < 2 || Names.ipv4(fields[0]) == null && !fields[0].contains(":")) {
                        counter.reject(number, content, "a hosts line is an IP address followed by names");
                        continue;
                    }
                    for (int f = 1; f < fields.length; f++) {
                        if (!HOSTS_NOISE.contains(fields[f].toLowerCase(Locale.ROOT))) {
                            sink.accept(new Line(number, fields[f], scope, category, null));
                        }
                    }
                } else {
                    sink.accept(new Line(number, content, scope, category, null));
                }
            }
        } catch (CharacterCodingException e) {
            throw InvalidInput.of("body", "error.utf8Line", null, counter.lines + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readCsv(
            BufferedReader reader,
            FraudType category,
            Scope scope,
            Counter counter,
            java.util.function.Consumer<Line> sink)
            throws IOException {
        var parser = CSVFormat.DEFAULT
                .builder()
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(reader);
        Map<String, Integer> columns = null;
        for (CSVRecord record : parser) {
            long number = parser.getCurrentLineNumber();
            counter.lines = number;
            if (columns == null) {
                columns = header(record);
                if (columns != null) {
                    continue;
                }
                columns = new LinkedHashMap<>(Map.of("value", 0, "scope", 1, "category", 2, "evidence", 3));
            }
            String value = field(record, columns, "value");
            if (value == null || value.isEmpty() || value.startsWith("#")) {
                continue;
            }
            Scope lineScope = scope;
            String s = field(record, columns, "scope");
            if (s != null && !s.isEmpty()) {
                try {
                    lineScope = Scope.valueOf(s.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    counter.reject(
                            number, value, "scope " + s + " is none of DOMAIN, DOMAIN_AND_SUBDOMAINS, URL_PREFIX, IP");
                    continue;
                }
            }
            FraudType lineCategory = category;
            String c = field(record, columns, "category");
            if (c != null && !c.isEmpty()) {
                try {
                    lineCategory = FraudType.valueOf(c.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    counter.reject(number, value, "category " + c + " is no fraud type code");
                    continue;
                }
            }
            String evidence = field(record, columns, "evidence");
            if (evidence != null && evidence.length() > 4000) {
                evidence = evidence.substring(0, 4000);
            }
            sink.accept(new Line(number, value, lineScope, lineCategory, evidence));
        }
    }

    private static @Nullable Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", "");
            if (Set.of("value", "scope", "category", "evidence").contains(name)) {
                columns.put(name, i);
            }
        }
        return columns.containsKey("value") ? columns : null;
    }

    private static @Nullable String field(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= record.size() ? null : record.get(i);
    }

    private void file(
            List<Line> lines, Source source, EntryState state, String by, Instant now, long serial, Counter counter) {
        if (lines.isEmpty()) {
            return;
        }
        Map<Scope, Map<String, Line>> valid = new EnumMap<>(Scope.class);
        for (Line line : lines) {
            Blocklist.Normalised n;
            try {
                n = Blocklist.normalise(line.value(), line.scope());
            } catch (Names.InvalidName e) {
                counter.reject(line.number(), line.value(), e.getMessage());
                continue;
            }
            Matcher.Match allowed = matcher.checkHost(n.host());
            if (allowed.verdict() == Verdict.ALLOWED) {
                counter.reject(line.number(), line.value(), "protected by the allow entry " + allowed.matched());
                continue;
            }
            if (!counter.seen.add(n.scope() + " " + n.value())) {
                counter.duplicates++;
                continue;
            }
            valid.computeIfAbsent(n.scope(), k -> new LinkedHashMap<>())
                    .put(n.value(), new Line(line.number(), n.value(), n.scope(), line.category(), line.evidence()));
        }
        for (var byScope : valid.entrySet()) {
            Map<String, BlockStore.Entry> existing =
                    store.existing(byScope.getKey(), byScope.getValue().keySet());
            List<BlockStore.NewEntry> fresh = new ArrayList<>();
            List<Long> again = new ArrayList<>();
            List<Long> renewed = new ArrayList<>();
            List<Long> toReview = new ArrayList<>();
            for (Line line : byScope.getValue().values()) {
                BlockStore.Entry e = existing.get(line.value());
                if (e == null) {
                    fresh.add(new BlockStore.NewEntry(
                            line.value(),
                            line.scope(),
                            line.category(),
                            source,
                            line.evidence(),
                            null,
                            state,
                            by,
                            null));
                    continue;
                }
                counter.duplicates++;
                switch (e.state()) {
                    case ACTIVE, PENDING_REVIEW -> again.add(e.id());
                    case EXPIRED -> (state == EntryState.ACTIVE ? renewed : toReview).add(e.id());
                    case REMOVED, REJECTED -> toReview.add(e.id());
                }
            }
            store.insertAll(fresh, now, serial);
            store.seenAgainAll(again, now);
            store.setStateAll(renewed, EntryState.ACTIVE, now, serial);
            store.setStateAll(toReview, EntryState.PENDING_REVIEW, now, serial);
            counter.accepted += fresh.size();
        }
    }
}
