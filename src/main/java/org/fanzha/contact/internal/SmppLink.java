package org.fanzha.contact.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.fanzha.contact.ContactProperties;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.util.RelativeTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bind to the SMSC: Fanzha as an ESME bound as transceiver, through jSMPP. It keeps the bind
 * alive (enquire_link), binds again after a break with a back-off that doubles from
 * {@code reconnect-min} to {@code reconnect-max}, and submits a message's parts in UCS-2 with
 * delivery receipts requested. What the SMSC sends (receipts, replies) goes to {@link SmsInbox}.
 */
@Component
class SmppLink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);

    private final ContactProperties.Sms settings;
    private final SmscAddress address;
    private final SmsInbox inbox;
    private final Object monitor = new Object();

    private volatile @Nullable SMPPSession session;
    private volatile boolean running;
    private @Nullable Thread binder;

    SmppLink(ContactProperties properties, SmscAddress address, SmsInbox inbox) {
        this.settings = properties.sms();
        this.address = address;
        this.inbox = inbox;
    }

    /** The SMSC refused a submit with this command_status; throttling and a full queue pass. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status) {
            super("SMSC refused the submit with command_status 0x" + Integer.toHexString(status));
            this.status = status;
        }

        boolean transient_() {
            // ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR, ESME_RX_T_APPN: try again later
            return status == 0x58 || status == 0x14 || status == 0x08 || status == 0x64;
        }
    }

    boolean bound() {
        SMPPSession s = session;
        return s != null && s.getSessionState().isBound();
    }

    /**
     * Submits the parts of one message; returns the SMSC's message id of each. Throws
     * {@link Refused} for a negative response, {@link ResponseTimeoutException} when the SMSC did
     * not answer in time (it may have the part), {@link IOException} when the bind broke.
     */
    List<String> submit(String recipient, Segments.Encoded encoded, int alreadySubmitted, List<String> ids)
            throws Refused, ResponseTimeoutException, IOException {
        SMPPSession s = session;
        if (s == null || !s.getSessionState().isBound()) {
            throw new IOException("not bound to the SMSC");
        }
        ESMClass esm = new ESMClass(
                MessageMode.DEFAULT,
                MessageType.DEFAULT,
                encoded.udhi() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        String validity = validity(settings.validity());
        for (int i = alreadySubmitted; i < encoded.parts().size(); i++) {
            try {
                var result = s.submitShortMessage(
                        "",
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        settings.sourceAddr(),
                        TypeOfNumber.NATIONAL,
                        NumberingPlanIndicator.ISDN,
                        recipient,
                        esm,
                        (byte) 0,
                        (byte) 1,
                        null,
                        validity,
                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                        (byte) 0,
                        new GeneralDataCoding(Alphabet.ALPHA_UCS2),
                        (byte) 0,
                        encoded.parts().get(i));
                ids.add(result.getMessageId());
            } catch (NegativeResponseException e) {
                throw new Refused(e.getCommandStatus());
            } catch (org.jsmpp.PDUException | org.jsmpp.InvalidResponseException e) {
                throw new IOException("the SMSC's answer could not be read", e);
            }
        }
        return ids;
    }

    /** A relative validity period, SMPP 3.4 §7.1.1 ("000001000000000R" is one day). */
    static String validity(Duration d) {
        long days = Math.min(99, d.toDays());
        return RelativeTimeFormatter.format(0, 0, (int) days, d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void start() {
        var target = address.get();
        if (target.isEmpty()) {
            log.info("SMS: no SMSC configured (FANZHA_SMS_SMPP_HOST); warning texts wait in the outbox");
            return;
        }
        running = true;
        binder = new Thread(() -> keepBound(target.get()), "smpp-bind");
        binder.setDaemon(true);
        binder.start();
    }

    private void keepBound(SmscAddress.Target target) {
        Duration wait = settings.reconnectMin();
        while (running) {
            SMPPSession current = session;
            if (current != null && current.getSessionState() != SessionState.CLOSED) {
                synchronized (monitor) {
                    try {
                        monitor.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            try {
                session = bind(target);
                log.info("SMS: bound as transceiver to {}:{} as {}", target.host(), target.port(), target.systemId());
                wait = settings.reconnectMin();
            } catch (IOException e) {
                log.warn(
                        "SMS: bind to {}:{} failed ({}); next try in {}",
                        target.host(),
                        target.port(),
                        e.getMessage(),
                        wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(settings.reconnectMax()) > 0
                        ? settings.reconnectMax()
                        : wait.multipliedBy(2);
            }
        }
    }

    private SMPPSession bind(SmscAddress.Target target) throws IOException {
        SMPPSession s = new SMPPSession();
        s.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
        s.setTransactionTimer(settings.responseTimeout().toMillis());
        s.setMessageReceiverListener(inbox);
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                log.warn("SMS: the bind to the SMSC closed; binding again");
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        });
        s.connectAndBind(
                target.host(),
                target.port(),
                new BindParameter(
                        BindType.BIND_TRX,
                        target.systemId(),
                        target.password(),
                        settings.systemType(),
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        null),
                settings.responseTimeout().toMillis());
        return s;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = binder;
        if (t != null) {
            t.interrupt();
        }
        SMPPSession s = session;
        if (s != null) {
            try {
                s.unbindAndClose();
            } catch (RuntimeException e) {
                log.debug("SMS: unbind failed", e);
            }
        }
        session = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Bound after the SMSC simulator of the demo has started, unbound before it stops. */
    @Override
    public int getPhase() {
        return SmscAddress.PHASE + 1;
    }
}
