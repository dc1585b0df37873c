package org.fanzha.blocklist.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The blocklist for operators, streamed: the RPZ zone as a master file, a hosts file and an
 * AdBlock-style list. Each comes from one consistent snapshot and leaves out entries an allow
 * entry overrides; the first line names the serial.
 */
@Component
class Exports {

    enum Format {
        RPZ,
        HOSTS,
        ADBLOCK
    }

    private final RpzZone zone;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Matcher matcher;

    Exports(RpzZone zone, JdbcTemplate jdbc, TransactionTemplate tx, Matcher matcher) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.matcher = matcher;
        this.snapshot = new TransactionTemplate(tx.getTransactionManager());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    void write(Format format, OutputStream out) throws IOException {
        Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            if (format == Format.RPZ) {
                w.write("; Fanzha RPZ zone " + zone.origin() + ", exported " + Instant.now() + "\n");
                long serial = zone.write(r -> line(w, r.toString()));
                line(w, "; end of zone at serial " + serial);
            } else {
                snapshot.executeWithoutResult(status -> {
                    Long serial = jdbc.queryForObject("SELECT serial FROM blocklist_serial WHERE id = 1", Long.class);
                    String comment = format == Format.HOSTS ? "# " : "! ";
                    if (format == Format.ADBLOCK) {
                        line(w, "[Adblock Plus 2.0]");
                        line(w, "! Title: Fanzha fraud sites");
                    }
                    line(w, comment + "Fanzha blocklist, serial " + serial + ", exported " + Instant.now());
                    jdbc.query(
                            con -> {
                                var ps = con.prepareStatement("""
                                        SELECT pattern, scope FROM block_entry WHERE state = 'ACTIVE'
                                        AND scope IN ('DOMAIN', 'DOMAIN_AND_SUBDOMAINS', 'URL_PREFIX')""");
                                ps.setFetchSize(10_000);
                                return ps;
                            },
                            (ResultSet rs) -> {
                                String value = rs.getString(1);
                                Scope scope = Scope.valueOf(rs.getString(2));
                                String host = scope == Scope.URL_PREFIX ? value.substring(0, hostEnd(value)) : value;
                                if (matcher.checkHost(host).verdict() == Verdict.ALLOWED) {
                                    return;
                                }
                                if (format == Format.HOSTS) {
                                    if (scope != Scope.URL_PREFIX) {
                                        line(w, "0.0.0.0 " + value);
                                    }
                                } else {
                                    switch (scope) {
                                        case DOMAIN_AND_SUBDOMAINS -> line(w, "||" + value + "^");
                                        case DOMAIN -> {
                                            line(w, "|http://" + value + "^");
                                            line(w, "|https://" + value + "^");
                                        }
                                        default -> line(w, "||" + value);
                                    }
                                }
                            });
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    private static int hostEnd(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '/' || key.charAt(i) == '?') {
                return i;
            }
        }
        return key.length();
    }

    private static void line(Writer w, String text) {
        try {
            w.write(text);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
