package org.fanzha.blocklist.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.fanzha.blocklist.DnsProperties;
import org.fanzha.blocklist.Scope;
import org.fanzha.blocklist.Verdict;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The blocklist as an RPZ zone (draft-vixie-dnsop-dns-rpz): for every block entry in force that no
 * allow entry overrides, a QNAME trigger ({@code name.zone} and, for a name with its subdomains,
 * {@code *.name.zone}) or a response-IP trigger ({@code 32.d.c.b.a.rpz-ip.zone}) with the action of
 * its category; for every allow entry a passthru, so a wildcard never blocks an allowed name. The
 * SOA serial is the blocklist serial in the database, so every instance serves the same zone.
 */
@Component
class RpzZone {

    private static final Logger log = LoggerFactory.getLogger(RpzZone.class);
    private static final long REFRESH = 3600;
    private static final long RETRY = 600;
    private static final long EXPIRE = 7 * 86400;
    private static final long MINIMUM = 60;

    private final DnsProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Matcher matcher;
    private final Name origin;
    private final InetAddress warningV4;
    private final @Nullable InetAddress warningV6;
    private final Name warningHost;

    RpzZone(DnsProperties properties, JdbcTemplate jdbc, TransactionTemplate tx, Matcher matcher) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.matcher = matcher;
        this.snapshot = new TransactionTemplate(tx.getTransactionManager());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        try {
            this.origin =
                    Name.fromString(properties.zone().endsWith(".") ? properties.zone() : properties.zone() + ".");
            this.warningHost = Name.fromString(
                    properties.warningPageHost().endsWith(".")
                            ? properties.warningPageHost()
                            : properties.warningPageHost() + ".");
            this.warningV4 = InetAddress.getByName(properties.warningPageAddress());
            this.warningV6 = properties.warningPageAddress6() == null
                    ? null
                    : InetAddress.getByName(properties.warningPageAddress6());
        } catch (TextParseException | UnknownHostException e) {
            throw new IllegalStateException("fanzha.blocklist.dns: " + e.getMessage(), e);
        }
    }

    Name origin() {
        return origin;
    }

    long ttl() {
        return properties.ttl();
    }

    /** The SOA record for a serial (RFC 1982 arithmetic: the low 32 bits). */
    SOARecord soa(long serial) {
        try {
            return new SOARecord(
                    origin,
                    DClass.IN,
                    properties.ttl(),
                    Name.fromString("ns", origin),
                    Name.fromString("hostmaster", origin),
                    serial & 0xffffffffL,
                    REFRESH,
                    RETRY,
                    EXPIRE,
                    MINIMUM);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    long currentSerial() {
        Long serial = jdbc.queryForObject("SELECT serial FROM blocklist_serial WHERE id = 1", Long.class);
        return serial == null ? 0 : serial;
    }

    /**
     * Streams the whole zone from one consistent snapshot of the database: the SOA first, then the
     * NS record and every trigger. Returns the serial of the snapshot; the caller closes an AXFR with
     * the SOA again.
     */
    long write(Consumer<Record> sink) {
        Long serial = snapshot.execute(status -> {
            long s = currentSerial();
            sink.accept(soa(s));
            sink.accept(new NSRecord(origin, DClass.IN, properties.ttl(), localhost()));
            jdbc.query(
                    con -> {
                        var ps = con.prepareStatement("SELECT domain FROM allow_entry WHERE state = 'ACTIVE'");
                        ps.setFetchSize(1000);
                        return ps;
                    },
                    (ResultSet rs) -> {
                        passthru(rs.getString(1), sink);
                    });
            jdbc.query(
                    con -> {
                        var ps = con.prepareStatement("""
                                SELECT pattern, scope, category FROM block_entry
                                WHERE state = 'ACTIVE' AND scope IN ('DOMAIN', 'DOMAIN_AND_SUBDOMAINS', 'IP')""");
                        ps.setFetchSize(10_000);
                        return ps;
                    },
                    (ResultSet rs) -> {
                        triggers(
                                rs.getString(1),
                                Scope.valueOf(rs.getString(2)),
                                FraudType.valueOf(rs.getString(3)),
                                sink);
                    });
            return s;
        });
        return serial == null ? 0 : serial;
    }

    /**
     * The net zone changes from serial {@code from} to the current one, read from the journal in
     * one snapshot: deletions and additions go to the lists, and the current serial is returned;
     * null when the journal cannot tell them (a serial in between was an import or an allowlist
     * change, or is older than the journal), and the secondary must take the whole zone.
     */
    @Nullable
    Long delta(long from, List<Record> deleted, List<Record> added) {
        return snapshot.execute(status -> {
            long current = currentSerial();
            if (from >= current || from < 1) {
                return null;
            }
            Long journaled = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM rpz_serial WHERE serial > ? AND serial <= ? AND incremental",
                    Long.class,
                    from,
                    current);
            if (journaled == null || journaled != current - from) {
                return null;
            }
            Map<String, Integer> net = new LinkedHashMap<>();
            Map<String, String[]> parts = new HashMap<>();
            jdbc.query(
                    "SELECT op, owner, rtype, rdata FROM rpz_delta WHERE serial > ? AND serial <= ? ORDER BY id",
                    (ResultSet rs) -> {
                        String key = rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4);
                        parts.putIfAbsent(key, new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                        net.merge(key, "A".equals(rs.getString(1)) ? 1 : -1, Integer::sum);
                    },
                    from,
                    current);
            for (var e : net.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                String[] p = parts.get(e.getKey());
                try {
                    Record r = Record.fromString(
                            Name.fromString(p[0]), Type.value(p[1]), DClass.IN, properties.ttl(), p[2], origin);
                    (e.getValue() < 0 ? deleted : added).add(r);
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException("journal record " + e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
            return current;
        });
    }

    private static Name localhost() {
        try {
            return Name.fromString("localhost.");
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void passthru(String domain, Consumer<Record> sink) {
        try {
            Name target = Name.fromString("rpz-passthru.");
            Name owner = Name.concatenate(Name.fromString(domain), origin);
            sink.accept(new CNAMERecord(owner, DClass.IN, properties.ttl(), target));
            if (!Matcher.isPublicSuffix(domain)) {
                sink.accept(new CNAMERecord(
                        Name.concatenate(Name.fromString("*"), owner), DClass.IN, properties.ttl(), target));
            }
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            log.debug("allow entry {} does not fit the zone: {}", domain, e.toString());
        }
    }

    /** The records of one block entry (none if an allow entry overrides it or it does not fit a DNS name). */
    void triggers(String value, Scope scope, FraudType category, Consumer<Record> sink) {
        if (!overridden(value, scope)) {
            recordsOf(value, scope, category, sink);
        }
    }

    /** Whether an allow entry keeps a block entry out of the zone (by this instance's matcher). */
    boolean overridden(String value, Scope scope) {
        return scope != Scope.IP && matcher.checkHost(value).verdict() == Verdict.ALLOWED;
    }

    /** The records a block entry puts in the zone, whatever the allowlist says. */
    void recordsOf(String value, Scope scope, FraudType category, Consumer<Record> sink) {
        try {
            Name owner;
            if (scope == Scope.IP) {
                // a response-IP trigger's local data must be of the address's family (resolvers
                // refuse an A record under an IPv6 trigger)
                ipAction(
                        Name.concatenate(Name.fromString(ipTrigger(value)), origin),
                        value.indexOf(':') >= 0,
                        category,
                        sink);
                return;
            } else if (scope == Scope.URL_PREFIX) {
                return; // DNS cannot see paths
            } else {
                owner = Name.concatenate(Name.fromString(value), origin);
            }
            action(owner, category, sink);
            if (scope == Scope.DOMAIN_AND_SUBDOMAINS) {
                action(Name.concatenate(Name.fromString("*"), owner), category, sink);
            }
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            log.debug("block entry {} does not fit the zone: {}", value, e.toString());
        }
    }

    /**
     * The response-IP trigger of an address, as RPZ writes it: the prefix length, then the address
     * in reverse — IPv4 octets ({@code 32.77.113.0.203.rpz-ip}), IPv6 16-bit words in hex without
     * leading zeros, the longest run of two or more zero words (the first if tied) written
     * {@code zz} ({@code 2001:db8::77} is {@code 128.77.zz.db8.2001.rpz-ip}).
     */
    static String ipTrigger(String address) {
        if (address.indexOf(':') < 0) {
            String[] q = address.split("\\.");
            return "32." + q[3] + "." + q[2] + "." + q[1] + "." + q[0] + ".rpz-ip";
        }
        byte[] b = com.google.common.net.InetAddresses.forString(address).getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                labels.add("zz");
                i += bestLength - 1;
            } else {
                labels.add(Integer.toHexString(w[i]));
            }
        }
        java.util.Collections.reverse(labels);
        return "128." + String.join(".", labels) + ".rpz-ip";
    }

    private void ipAction(Name owner, boolean v6, FraudType category, Consumer<Record> sink) {
        if (properties.actionFor(category) != org.fanzha.blocklist.DnsProperties.RpzAction.LOCAL_DATA) {
            action(owner, category, sink); // CNAME and NXDOMAIN answer any family
        } else if (!v6) {
            sink.accept(new ARecord(owner, DClass.IN, properties.ttl(), warningV4));
        } else if (warningV6 != null) {
            sink.accept(new AAAARecord(owner, DClass.IN, properties.ttl(), warningV6));
        } else {
            // no IPv6 warning page: the answer is emptied (RPZ NODATA, CNAME *.)
            sink.accept(new CNAMERecord(owner, DClass.IN, properties.ttl(), Name.fromConstantString("*.")));
        }
    }

    private void action(Name owner, FraudType category, Consumer<Record> sink) {
        switch (properties.actionFor(category)) {
            case LOCAL_DATA -> {
                sink.accept(new ARecord(owner, DClass.IN, properties.ttl(), warningV4));
                if (warningV6 != null) {
                    sink.accept(new AAAARecord(owner, DClass.IN, properties.ttl(), warningV6));
                }
            }
            case CNAME -> sink.accept(new CNAMERecord(owner, DClass.IN, properties.ttl(), warningHost));
            case NXDOMAIN -> sink.accept(new CNAMERecord(owner, DClass.IN, properties.ttl(), Name.root));
        }
    }
}
