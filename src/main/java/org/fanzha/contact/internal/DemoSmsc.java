package org.fanzha.contact.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.contact.ContactProperties;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
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
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's simulated SMSC, so that contact plans can be watched end to end without a carrier:
 * a real SMPP server (jSMPP's server side) on a free loopback port that accepts the platform's
 * bind, takes its submits and sends each a delivery receipt two to seven seconds later — one in
 * twelve UNDELIV, as numbers that are off or out of reach are. It runs only under the demo profile
 * and only when no SMSC is configured.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty(name = "fanzha.demo.smsc", matchIfMissing = true)
class DemoSmsc extends SubmitOnlySmsc implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoSmsc.class);
    static final String SYSTEM_ID = "fanzha-demo";
    /** SMPP passwords are at most eight characters. */
    static final String PASSWORD = "fz-demo";

    private final boolean wanted;
    private final LoopbackListener socket = new LoopbackListener();
    private final AtomicLong ids = new AtomicLong(0x10000);
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-smsc-receipts");
        t.setDaemon(true);
        return t;
    });
    private volatile @Nullable SMPPServerSessionListener listener;
    private volatile boolean running;

    DemoSmsc(ContactProperties properties) {
        this.wanted = !properties.sms().configured();
    }

    int port() {
        return running ? socket.port() : 0;
    }

    @Override
    public void start() {
        if (!wanted) {
            return;
        }
        try {
            var server = new SMPPServerSessionListener(0, socket);
            server.setMessageReceiverListener(this);
            listener = server;
            running = true;
            Thread accept = new Thread(() -> accept(server), "demo-smsc");
            accept.setDaemon(true);
            accept.start();
            log.info("SMS: the demo's simulated SMSC listens on 127.0.0.1:{}", socket.port());
        } catch (IOException e) {
            log.warn("SMS: the demo's simulated SMSC could not start", e);
        }
    }

    private void accept(SMPPServerSessionListener server) {
        while (running) {
            try {
                SMPPServerSession session = server.accept();
                var bind = session.waitForBind(10_000);
                if (bind.getBindType() == BindType.BIND_TRX
                        && SYSTEM_ID.equals(bind.getSystemId())
                        && PASSWORD.equals(bind.getPassword())) {
                    bind.accept("demo-smsc");
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                }
            } catch (Exception e) {
                if (running) {
                    log.debug("SMS: demo SMSC accept failed", e);
                }
            }
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        long n = ids.incrementAndGet();
        String id = Long.toHexString(n);
        boolean delivered = n % 12 != 0;
        long delay = 2000 + (n * 7919) % 5000;
        receipts.schedule(() -> receipt(session, submit, id, delivered), delay, TimeUnit.MILLISECONDS);
        try {
            return new SubmitSmResult(new MessageId(id), new org.jsmpp.bean.OptionalParameter[0]);
        } catch (org.jsmpp.PDUStringException e) {
            throw new ProcessRequestException("id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private void receipt(SMPPServerSession session, SubmitSm submit, String id, boolean delivered) {
        if (!session.getSessionState().isReceivable()) {
            return;
        }
        try {
            var receipt = new DeliveryReceipt(
                    id,
                    1,
                    delivered ? 1 : 0,
                    new Date(),
                    new Date(),
                    delivered ? DeliveryReceiptState.DELIVRD : DeliveryReceiptState.UNDELIV,
                    delivered ? "000" : "001",
                    "");
            session.deliverShortMessage(
                    "",
                    TypeOfNumber.NATIONAL,
                    NumberingPlanIndicator.ISDN,
                    submit.getDestAddress(),
                    TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN,
                    submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0,
                    (byte) 0,
                    new RegisteredDelivery(0),
                    DataCodings.ZERO,
                    receipt.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            log.debug("SMS: demo SMSC receipt for {} not delivered", id, e);
        }
    }

    @Override
    public void stop() {
        running = false;
        receipts.shutdownNow();
        var server = listener;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.debug("SMS: demo SMSC close", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmscAddress.PHASE;
    }
}
