package org.fanzha.blocklist.internal;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.FraudType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Writes the zone records a change adds or deletes, in the transaction of the change, so a
 * secondary gets an incremental transfer (IXFR). A change that journals calls {@link #begin}
 * right after taking its serial, {@link #entry} for each entry whose presence changes, and
 * {@link #complete}; a serial that never completes (an import, an allowlist change) sends a
 * secondary behind it the whole zone.
 */
@Component
class ZoneJournal {

    private final JdbcTemplate jdbc;
    private final RpzZone zone;
    private final BlocklistFeed feed;

    ZoneJournal(JdbcTemplate jdbc, RpzZone zone, BlocklistFeed feed) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.feed = feed;
    }

    /** Brings the matcher to the serial before this one (the lock is held: all of those are committed). */
    void begin(long serial) {
        feed.catchUpTo(serial - 1);
    }

    /** An entry went into force or out of it. */
    void entry(long serial, String value, Scope scope, FraudType category, boolean wasActive, boolean isActive) {
        if (wasActive == isActive || zone.overridden(value, scope)) {
            return;
        }
        List<Record> records = new ArrayList<>();
        zone.recordsOf(value, scope, category, records::add);
        String op = isActive ? "A" : "D";
        jdbc.batchUpdate(
                "INSERT INTO rpz_delta (serial, op, owner, rtype, rdata) VALUES (?, ?, ?, ?, ?)",
                records,
                100,
                (ps, r) -> {
                    ps.setLong(1, serial);
                    ps.setString(2, op);
                    ps.setString(3, r.getName().toString());
                    ps.setString(4, Type.string(r.getType()));
                    ps.setString(5, r.rdataToString());
                });
    }

    void complete(long serial) {
        jdbc.update("UPDATE rpz_serial SET incremental = TRUE WHERE serial = ?", serial);
    }
}
