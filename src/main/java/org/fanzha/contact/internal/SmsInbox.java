package org.fanzha.contact.internal;

import static org.fanzha.contact.internal.ContactPlans.ts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the SMSC delivers to Fanzha. A delivery receipt is stored as it came (matched to its part
 * later by {@link SmsReceipts}: it may overtake the record of its submit); a person's message
 * goes to {@link SmsReplies}. Both are stored before the deliver_sm is answered, so a receipt the
 * database could not take is refused and the SMSC delivers it again. A receipt that cannot be
 * read is logged, answered and changes nothing.
 */
@Component
class SmsInbox implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

    private final JdbcClient jdbc;
    private final SmsReplies replies;
    private final Clock clock;

    SmsInbox(JdbcClient jdbc, SmsReplies replies, Clock clock) {
        this.jdbc = jdbc;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        try {
            if (deliverSm.isSmscDeliveryReceipt()) {
                receipt(deliverSm);
            } else {
                replies.received(deliverSm.getSourceAddr(), deliverSm.getDestAddress(), text(deliverSm));
            }
        } catch (org.springframework.dao.DataAccessException e) {
            log.error("SMS: could not store what the SMSC delivered; it will deliver it again", e);
            throw new ProcessRequestException("not stored", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private void receipt(DeliverSm deliverSm) {
        String id;
        String state;
        String error = null;
        try {
            DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
            id = receipt.getId();
            state = receipt.getFinalStatus().name();
            error = receipt.getError();
        } catch (InvalidDeliveryReceiptException | RuntimeException e) {
            // SMPP 3.4 also carries the id and state as TLVs (receipted_message_id, message_state)
            var idTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            var stateTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
            if (!(idTlv instanceof OptionalParameter.Receipted_message_id rid)
                    || !(stateTlv instanceof OptionalParameter.Message_state ms)) {
                log.warn(
                        "SMS: a delivery receipt that cannot be read was answered and ignored: {}",
                        printable(deliverSm.getShortMessage()));
                return;
            }
            id = rid.getValueAsString();
            state = receiptState(ms.getMessageState());
        }
        if (id == null || id.isBlank() || id.length() > 65 || state == null) {
            log.warn(
                    "SMS: a delivery receipt without a usable message id or state was ignored: {}",
                    printable(deliverSm.getShortMessage()));
            return;
        }
        jdbc.sql("INSERT INTO sms_receipt (smsc_message_id, final_state, error_code, received_at) VALUES (?, ?, ?, ?)")
                .params(id.strip(), state, error == null || error.length() > 10 ? null : error, ts(clock.instant()))
                .update();
    }

    /** The receipt's final state as the text form names it (DELIVRD, UNDELIV …). */
    private static @Nullable String receiptState(OptionalParameter.Message_state.Message_state_enum state) {
        return switch (state) {
            case DELIVERED -> "DELIVRD";
            case UNDELIVERABLE -> "UNDELIV";
            case EXPIRED -> "EXPIRED";
            case REJECTED -> "REJECTD";
            case DELETED -> "DELETED";
            case UNKNOWN -> "UNKNOWN";
            default -> null;
        };
    }

    /** A person's words: UCS-2 when data_coding says so, else the SMSC's default alphabet; a user data header skipped. */
    static String text(DeliverSm sm) {
        byte[] data = sm.getShortMessage();
        if (data == null || data.length == 0) {
            var payload = sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            data = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
        }
        if ((sm.getEsmClass() & 0x40) != 0 && data.length > 0) {
            int header = (data[0] & 0xff) + 1;
            data = header < data.length ? Arrays.copyOfRange(data, header, data.length) : new byte[0];
        }
        int coding = sm.getDataCoding() & 0xff;
        boolean ucs2 = coding == 0x08 || (coding & 0xcc) == 0x08 && (coding & 0xf0) != 0xf0;
        return new String(data, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte @Nullable [] bytes) {
        if (bytes == null) {
            return "";
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("SMS: alert_notification for {}", alertNotification.getSourceAddr());
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not used", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
