package org.fanzha.platform;

import org.jspecify.annotations.Nullable;

/**
 * Masks personal data for lists, pages and API answers. The full value is shown only through
 * an audited reveal.
 */
public final class Masking {

    private Masking() {}

    /** 13703710000 → 137****0000; short or odd values keep at most their last two characters. */
    public static @Nullable String phone(@Nullable String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            int keepTail = 4;
            int keepHead = phone.length() - 8;
            return phone.substring(0, keepHead) + "****" + phone.substring(phone.length() - keepTail);
        }
        return stars(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }

    /** 41010519900307123X → 410105********123X (the county stays visible, the birth date does not). */
    public static @Nullable String idNumber(@Nullable String id) {
        if (id == null || id.length() < 10) {
            return id == null ? null : stars(id.length());
        }
        return id.substring(0, 6) + stars(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays. */
    public static @Nullable String name(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + stars(name.codePointCount(first, name.length()));
    }

    /** Keeps the first six characters (usually city and district) of an address. */
    public static @Nullable String address(@Nullable String address) {
        if (address == null || address.codePointCount(0, address.length()) <= 6) {
            return address == null ? null : "****";
        }
        return address.substring(0, address.offsetByCodePoints(0, 6)) + "****";
    }

    /** 6222021001122334458 → 622202*********4458. */
    public static @Nullable String cardNumber(@Nullable String card) {
        if (card == null || card.length() < 11) {
            return card == null ? null : stars(card.length());
        }
        return card.substring(0, 6) + stars(card.length() - 10) + card.substring(card.length() - 4);
    }

    private static String stars(int n) {
        return "*".repeat(n);
    }
}
