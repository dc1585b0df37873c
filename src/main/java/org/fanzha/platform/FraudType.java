package org.fanzha.platform;

/** The fraud types of the glossary (诈骗类型); the UI shows the Chinese name from the bundle ({@code fraud.TYPE}). */
public enum FraudType {
    ORDER_BRUSHING,
    INVESTMENT,
    LOAN,
    CUSTOMER_SERVICE,
    IMPERSONATE_POLICE,
    CREDIT_REPAIR,
    GAME_TRADING,
    ROMANCE,
    IMPERSONATE_ACQUAINTANCE,
    FAKE_SHOPPING,
    OTHER
}
