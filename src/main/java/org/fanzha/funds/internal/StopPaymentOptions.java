package org.fanzha.funds.internal;

import java.util.Arrays;
import java.util.List;
import org.fanzha.platform.Texts;
import org.springframework.stereotype.Component;

/**
 * What the transfers form offers, for the pages of other modules that include it (a case, a
 * warning): the banks and payment institutions, and the channels, by their names.
 */
@Component("stopPaymentOptions")
public class StopPaymentOptions {

    /** One choice of a select: the value sent and the name shown. */
    public record Option(String value, String label) {}

    private final Banks banks;

    StopPaymentOptions(Banks banks) {
        this.banks = banks;
    }

    public List<Option> banks() {
        return banks.all().stream().map(b -> new Option(b.code(), b.name())).toList();
    }

    public List<Option> channels() {
        return Arrays.stream(FundRequests.Channel.values())
                .map(c -> new Option(c.name(), Texts.resolve("funds.channel." + c.name())))
                .toList();
    }

    public int rows() {
        return StopPaymentPages.ROWS;
    }
}
