package org.fanzha.cases;

/** The kinds of case identifiers (涉案要素). */
public enum IdentifierType {
    /** Chinese and international phone numbers, VoIP numbers (E.164). */
    PHONE,
    /** A bank card: 16–19 digits passing the Luhn check. */
    BANK_CARD,
    /** Another account number (corporate, passbook): digits, no Luhn check. */
    BANK_ACCOUNT,
    /** Alipay, WeChat Pay or another payment account. */
    PAYMENT_ACCOUNT,
    /** USDT and other crypto addresses on TRON or Ethereum. */
    CRYPTO_ADDRESS,
    /** A digital-yuan (数字人民币) wallet. */
    ECNY_WALLET,
    URL,
    DOMAIN,
    /** QQ, WeChat or another messenger account. */
    IM_ACCOUNT,
    IP,
    /** An app's package name. */
    APP,
    /** A device (IMEI). */
    DEVICE,
    EMAIL,
    ID_NUMBER
}
