package org.fanzha.blocklist.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.blocklist.DnsProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * A DNS primary for the RPZ zone, built on dnsjava's messages (dnsjava has no server): answers SOA
 * (and NS) queries over UDP and TCP, full zone transfers (AXFR) over TCP, and IXFR over TCP — the
 * SOA alone when the secondary is current, the net changes from its serial when the journal has
 * them, else the whole zone (which RFC 1995 allows);
 * sends NOTIFY to the configured secondaries whenever the serial changes; requires and applies
 * TSIG when a key is configured.
 */
@Component
class ZoneServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ZoneServer.class);
    private static final int MESSAGE_BYTES = 60_000;

    private final DnsProperties properties;
    private final RpzZone zone;
    private final @Nullable TSIG tsig;
    private final AtomicLong notifiedSerial = new AtomicLong(-1);
    private volatile boolean running;
    private @Nullable DatagramSocket udp;
    private @Nullable ServerSocket tcp;
    private @Nullable ExecutorService workers;

    ZoneServer(DnsProperties properties, RpzZone zone) {
        this.properties = properties;
        this.zone = zone;
        this.tsig = parseTsig(properties.tsig());
    }

    static @Nullable TSIG parseTsig(@Nullable String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] parts = spec.strip().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalStateException("fanzha.blocklist.dns.tsig must be name:algorithm:base64-secret");
        }
        try {
            return new TSIG(TSIG.algorithmToName(parts[1]), Name.fromString(parts[0], Name.root), parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("fanzha.blocklist.dns.tsig: " + e.getMessage(), e);
        }
    }

    /** The port the primary listens on (UDP and TCP), once started. */
    int port() {
        return tcp == null ? -1 : tcp.getLocalPort();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        try {
            InetAddress address = InetAddress.getByName(properties.address());
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, properties.port()), 50);
            DatagramSocket datagrams = new DatagramSocket(new InetSocketAddress(address, server.getLocalPort()));
            tcp = server;
            udp = datagrams;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The RPZ primary cannot listen on " + properties.address() + ":" + properties.port() + " ("
                            + e.getMessage() + "); set fanzha.blocklist.dns.port or fanzha.blocklist.dns.enabled=false",
                    e);
        }
        workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "rpz-transfer");
            t.setDaemon(true);
            return t;
        });
        running = true;
        Thread u = new Thread(this::serveUdp, "rpz-udp");
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::serveTcp, "rpz-tcp");
        t.setDaemon(true);
        t.start();
        log.info(
                "RPZ primary for {} on {}:{} (UDP and TCP){}",
                zone.origin(),
                properties.address(),
                port(),
                tsig == null ? "" : ", TSIG required for transfers");
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (udp != null) {
            udp.close();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (running && udp != null) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] request = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                Message response = answer(request, false);
                if (response != null) {
                    byte[] out = response.toWire(512);
                    udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("UDP query failed: {}", e.toString());
            }
        }
    }

    private void serveTcp() {
        while (running && tcp != null) {
            try {
                Socket socket = tcp.accept();
                workers.execute(() -> serveConnection(socket));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                log.debug("TCP accept failed: {}", e.toString());
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out =
                    new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (java.io.EOFException e) {
                    return;
                }
                byte[] request = new byte[length];
                in.readFully(request);
                Message query = new Message(request);
                Record question = query.getQuestion();
                if (question != null
                        && query.getHeader().getOpcode() == Opcode.QUERY
                        && (question.getType() == Type.AXFR || question.getType() == Type.IXFR)) {
                    transfer(query, request, out);
                } else {
                    Message response = answer(request, true);
                    if (response != null) {
                        write(out, response.toWire());
                    }
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("TCP connection failed: {}", e.toString());
        }
    }

    private static void write(DataOutputStream out, byte[] wire) throws IOException {
        out.writeShort(wire.length);
        out.write(wire);
    }

    private Message reply(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    /** The answer to a query that is no transfer: SOA and NS of the zone; REFUSED for names outside it. */
    @Nullable
    Message answer(byte[] request, boolean overTcp) throws IOException {
        Message query = new Message(request);
        if (query.getHeader().getFlag(Flags.QR)) {
            return null; // a response (e.g. to our NOTIFY) is no query
        }
        Message response = reply(query);
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        if (!question.getName().subdomain(zone.origin()) || question.getDClass() != DClass.IN) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        if (!question.getName().equals(zone.origin())) {
            // the triggers are for resolvers that load the zone, not for lookups here
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        long serial = zone.currentSerial();
        switch (question.getType()) {
            case Type.SOA, Type.IXFR -> response.addRecord(zone.soa(serial), Section.ANSWER);
            case Type.NS ->
                response.addRecord(
                        new org.xbill.DNS.NSRecord(zone.origin(), DClass.IN, zone.ttl(), Name.fromString("localhost.")),
                        Section.ANSWER);
            case Type.AXFR -> response.getHeader().setRcode(overTcp ? Rcode.NOERROR : Rcode.FORMERR);
            default -> response.addRecord(zone.soa(serial), Section.AUTHORITY);
        }
        return response;
    }

    private void transfer(Message query, byte[] request, DataOutputStream out) throws IOException {
        Record question = query.getQuestion();
        Message refused = reply(query);
        if (!question.getName().equals(zone.origin()) || question.getDClass() != DClass.IN) {
            refused.getHeader().setRcode(Rcode.NOTAUTH);
            write(out, refused.toWire());
            return;
        }
        TSIGRecord queryTsig = query.getTSIG();
        if (tsig != null) {
            int verified = queryTsig == null ? Rcode.BADSIG : tsig.verify(query, request, null);
            if (verified != Rcode.NOERROR) {
                log.warn("Zone transfer refused: TSIG {}", Rcode.TSIGstring(verified));
                refused.getHeader().setRcode(Rcode.NOTAUTH);
                write(out, refused.toWire());
                return;
            }
        }
        if (question.getType() == Type.IXFR) {
            long theirs = -1;
            for (Record r : query.getSection(Section.AUTHORITY)) {
                if (r instanceof org.xbill.DNS.SOARecord soa) {
                    theirs = soa.getSerial();
                }
            }
            long current = zone.currentSerial() & 0xffffffffL;
            if (theirs == current) {
                Message upToDate = reply(query);
                upToDate.getHeader().setFlag(Flags.AA);
                upToDate.addRecord(zone.soa(current), Section.ANSWER);
                sign(upToDate, queryTsig, true);
                write(out, upToDate.toWire());
                return;
            }
            // incremental (RFC 1995, condensed): new SOA, old SOA, deletions, new SOA, additions, new SOA
            List<Record> deleted = new ArrayList<>();
            List<Record> added = new ArrayList<>();
            Long serial = theirs < 0 ? null : zone.delta(theirs, deleted, added);
            if (serial != null) {
                Streamer streamer = new Streamer(query, queryTsig, out);
                streamer.add(zone.soa(serial));
                streamer.add(zone.soa(theirs));
                deleted.forEach(streamer::add);
                streamer.add(zone.soa(serial));
                added.forEach(streamer::add);
                streamer.add(zone.soa(serial));
                streamer.flush();
                return;
            }
        }
        Streamer streamer = new Streamer(query, queryTsig, out);
        long serial = zone.write(streamer::add);
        streamer.add(zone.soa(serial));
        streamer.flush();
    }

    private void sign(Message m, @Nullable TSIGRecord previous, boolean first) {
        if (tsig != null) {
            tsig.apply(m, Rcode.NOERROR, previous, first);
        }
    }

    /** Packs records into messages of about 60 kB, signing each when TSIG is on. */
    private final class Streamer {
        private final Message query;
        private @Nullable TSIGRecord previous;
        private final DataOutputStream out;
        private final List<Record> pending = new ArrayList<>();
        private int bytes;
        private boolean first = true;

        Streamer(Message query, @Nullable TSIGRecord queryTsig, DataOutputStream out) {
            this.query = query;
            this.previous = queryTsig;
            this.out = out;
        }

        void add(Record r) {
            int size = r.toWireCanonical().length;
            if (bytes + size > MESSAGE_BYTES && !pending.isEmpty()) {
                flush();
            }
            pending.add(r);
            bytes += size;
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Message m = reply(query);
            if (!first) {
                // RFC 5936: later messages of a transfer may leave out the question
                m.removeAllRecords(Section.QUESTION);
            }
            m.getHeader().setFlag(Flags.AA);
            for (Record r : pending) {
                m.addRecord(r, Section.ANSWER);
            }
            sign(m, previous, first);
            try {
                byte[] wire = m.toWire();
                if (tsig != null) {
                    previous = m.getTSIG();
                }
                write(out, wire);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            pending.clear();
            bytes = 0;
            first = false;
        }
    }

    @org.springframework.context.event.EventListener
    void on(BlocklistFeed.Changed changed) {
        notifySecondaries(changed.serial());
    }

    /** Tells the secondaries that the serial changed (NOTIFY, RFC 1996), a few times until one answers. */
    void notifySecondaries(long serial) {
        if (!running || properties.secondaries().isEmpty() || notifiedSerial.getAndSet(serial) == serial) {
            return;
        }
        for (String target : properties.secondaries()) {
            workers.execute(() -> sendNotify(target, serial));
        }
    }

    private void sendNotify(String target, long serial) {
        int colon = target.lastIndexOf(':');
        String host = colon > 0 ? target.substring(0, colon) : target;
        int port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : 53;
        Message notify = new Message();
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        notify.getHeader().setFlag(Flags.AA);
        notify.addRecord(Record.newRecord(zone.origin(), Type.SOA, DClass.IN), Section.QUESTION);
        notify.addRecord(zone.soa(serial), Section.ANSWER);
        if (tsig != null) {
            notify.setTSIG(tsig, Rcode.NOERROR, null);
        }
        byte[] wire = notify.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            for (int attempt = 0; attempt < 5; attempt++) {
                socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName(host), port));
                try {
                    DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                    socket.receive(answer);
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    // again
                }
            }
            log.warn("NOTIFY of serial {} to {} got no answer", serial, target);
        } catch (IOException e) {
            log.warn("NOTIFY of serial {} to {} failed: {}", serial, target, e.toString());
        }
    }
}
