package org.fanzha.contact;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A carrier's SMSC for tests: a real SMPP 3.4 server over TCP on loopback (jSMPP's server side).
 * It accepts one transceiver bind (system id "fanzha", password "secret"), keeps every submit it
 * takes, answers with hexadecimal message ids, and sends the receipts and replies a test asks for.
 */
public final class TestSmsc extends org.fanzha.contact.internal.SubmitOnlySmsc implements AutoCloseable {

    public static final String SYSTEM_ID = "fanzha";
    public static final String PASSWORD = "secret";

    /** A submit as the SMSC took it. */
    public record Submit(String id, String source, String destination, byte esmClass, byte dataCoding, byte[] data) {

        public boolean udhi() {
            return (esmClass & 0x40) != 0;
        }

        /** The text without its user data header. */
        public String text() {
            int from = udhi() ? (data[0] & 0xff) + 1 : 0;
            return new String(data, from, data.length - from, StandardCharsets.UTF_16BE);
        }
    }

    private final int port;
    private final List<Submit> submits = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(0xA000);
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private volatile int refuseWith;
    private volatile SMPPServerSessionListener listener;
    private volatile boolean running;
    private volatile ServerSocket serverSocket;

    private TestSmsc(int port) {
        this.port = port;
    }

    /** Starts on a free loopback port. */
    public static TestSmsc start() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestSmsc smsc = new TestSmsc(probe.getLocalPort());
            probe.close();
            smsc.up();
            return smsc;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Listens (again) on its port. */
    public synchronized void up() throws IOException {
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int p) throws IOException {
                return listen(p, 0, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout) throws IOException {
                return listen(p, timeout, 50);
            }

            @Override
            public ServerConnection listen(int p, int timeout, int backlog) throws IOException {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), p), backlog);
                socket.setSoTimeout(timeout);
                serverSocket = socket;
                return new ServerSocketConnection(socket);
            }
        };
        SMPPServerSessionListener server = new SMPPServerSessionListener(port, loopback);
        server.setMessageReceiverListener(this);
        listener = server;
        running = true;
        Thread t = new Thread(() -> accept(server), "test-smsc");
        t.setDaemon(true);
        t.start();
    }

    /** Goes away: the listening socket and every bind close, as an SMSC that fails. */
    public synchronized void down() throws IOException {
        running = false;
        listener.close();
        if (serverSocket != null) {
            serverSocket.close();
        }
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        sessions.clear();
    }

    private void accept(SMPPServerSessionListener server) {
        while (running) {
            try {
                SMPPServerSession session = server.accept();
                var bind = session.waitForBind(5000);
                if (bind.getBindType() == BindType.BIND_TRX
                        && SYSTEM_ID.equals(bind.getSystemId())
                        && PASSWORD.equals(bind.getPassword())) {
                    bind.accept("test-smsc");
                    sessions.add(session);
                    binds.incrementAndGet();
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                }
            } catch (Exception e) {
                // closed, or a bind that never came
            }
        }
    }

    public List<Submit> submits() {
        return List.copyOf(submits);
    }

    public List<Submit> submitsTo(String destination) {
        List<Submit> to = new ArrayList<>();
        for (Submit s : submits) {
            if (s.destination().equals(destination)) {
                to.add(s);
            }
        }
        return to;
    }

    public int binds() {
        return binds.get();
    }

    public boolean bound() {
        return sessions.stream().anyMatch(s -> s.getSessionState().isBound());
    }

    /** The next n submits are answered ESME_RTHROTTLED. */
    public void throttleNext(int n) {
        throttleNext.set(n);
    }

    /** Every submit is refused with this command_status (0 for none). */
    public void refuseWith(int status) {
        refuseWith = status;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        if (refuseWith != 0) {
            throw new ProcessRequestException("refused", refuseWith);
        }
        String id = Long.toHexString(ids.incrementAndGet());
        submits.add(new Submit(
                id,
                submit.getSourceAddr(),
                submit.getDestAddress(),
                submit.getEsmClass(),
                submit.getDataCoding(),
                submit.getShortMessage()));
        try {
            return new SubmitSmResult(new MessageId(id), new org.jsmpp.bean.OptionalParameter[0]);
        } catch (org.jsmpp.PDUStringException e) {
            throw new ProcessRequestException("id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    /** Sends the delivery receipt of a submit, under the id as given or another form of it. */
    public void receipt(Submit submit, DeliveryReceiptState state, String idAsSent) throws Exception {
        var receipt = new DeliveryReceipt(
                idAsSent,
                1,
                state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                new Date(),
                new Date(),
                state,
                state == DeliveryReceiptState.DELIVRD ? "000" : "027",
                "");
        deliver(
                submit.destination(),
                submit.source(),
                true,
                receipt.toString().getBytes(StandardCharsets.US_ASCII),
                false);
    }

    /** A person's message to the service number, in UCS-2. */
    public void reply(String from, String to, String text) throws Exception {
        deliver(from, to, false, text.getBytes(StandardCharsets.UTF_16BE), true);
    }

    /** Anything as a delivery receipt, e.g. one that cannot be read. */
    public void rawReceipt(String from, String to, String body) throws Exception {
        deliver(from, to, true, body.getBytes(StandardCharsets.US_ASCII), false);
    }

    private void deliver(String from, String to, boolean receipt, byte[] data, boolean ucs2) throws Exception {
        SMPPServerSession session = sessions.stream()
                .filter(s -> s.getSessionState().isReceivable())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("nobody bound"));
        session.deliverShortMessage(
                "",
                TypeOfNumber.NATIONAL,
                NumberingPlanIndicator.ISDN,
                from,
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                to,
                new ESMClass(
                        MessageMode.DEFAULT,
                        receipt ? MessageType.SMSC_DEL_RECEIPT : MessageType.DEFAULT,
                        GSMSpecificFeature.DEFAULT),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(0),
                ucs2 ? new GeneralDataCoding(org.jsmpp.bean.Alphabet.ALPHA_UCS2) : DataCodings.ZERO,
                data);
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
