package org.fanzha.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.fanzha.cases.IdentifierType;

/**
 * The kinds of identifier the risk list answers for, each normalised as the cases module's
 * {@link org.fanzha.cases.Identifiers} does, so a value means the same in a case and on the list.
 * Domains, URLs and IPs are answered from the blocklist.
 */
public enum RiskType {
    PHONE(IdentifierType.PHONE),
    BANK_CARD(IdentifierType.BANK_CARD),
    BANK_ACCOUNT(IdentifierType.BANK_ACCOUNT),
    /** Alipay, WeChat Pay and other payment accounts. */
    PAYMENT_ACCOUNT(IdentifierType.PAYMENT_ACCOUNT),
    WECHAT(IdentifierType.WECHAT),
    QQ(IdentifierType.QQ),
    /** A package name, optionally with the signing certificate's SHA-256. */
    APP(IdentifierType.APP),
    /** A digital-yuan wallet (also accepted as {@code ECNY_WALLET}). */
    E_CNY(IdentifierType.ECNY_WALLET),
    /** TRON and Ethereum addresses (also accepted as {@code CRYPTO}). */
    CRYPTO_ADDRESS(IdentifierType.CRYPTO_ADDRESS),
    URL(IdentifierType.URL),
    DOMAIN(IdentifierType.DOMAIN),
    IP(IdentifierType.IP);

    private final IdentifierType identifier;

    RiskType(IdentifierType identifier) {
        this.identifier = identifier;
    }

    /** The case identifier type whose normalisation this type shares. */
    public IdentifierType identifier() {
        return identifier;
    }

    /** Whether the blocklist answers for this type rather than the risk list. */
    public boolean site() {
        return this == URL || this == DOMAIN || this == IP;
    }

    /** The type by its name in the API (case does not matter; E_CNY and crypto have aliases). */
    public static Optional<RiskType> parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("ECNY_WALLET") || n.equals("ECNY")) {
            return Optional.of(E_CNY);
        }
        if (n.equals("CRYPTO")) {
            return Optional.of(CRYPTO_ADDRESS);
        }
        return Arrays.stream(values()).filter(t -> t.name().equals(n)).findFirst();
    }

    /** The risk type of a case identifier type, if the list keeps that type. */
    public static Optional<RiskType> of(IdentifierType type) {
        return Arrays.stream(values()).filter(t -> t.identifier == type).findFirst();
    }
}
