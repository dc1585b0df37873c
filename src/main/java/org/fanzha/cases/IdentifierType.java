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
    /** A WeChat id (微信号): 6 to 20 letters, digits, _ or -, beginning with a letter; case does not matter. */
    WECHAT,
    /** A QQ number: 5 to 11 digits, not beginning with 0. */
    QQ,
    /** Another messenger account (Telegram, WhatsApp, Skype …). */
    IM_ACCOUNT,
    IP,
    /** An app's package name, optionally with its signing certificate's SHA-256 ({@code com.example.app:3f…}). */
    APP,
    /** A device (IMEI). */
    DEVICE,
    EMAIL,
    ID_NUMBER
}
