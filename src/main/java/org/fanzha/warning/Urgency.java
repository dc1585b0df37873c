package org.fanzha.warning;

/** How soon someone must reach the person (紧急程度): decides deadlines and the channel. */
public enum Urgency {
    RED,
    ORANGE,
    YELLOW;

    public boolean isHigherThan(Urgency other) {
        return ordinal() < other.ordinal();
    }

    /** One level more urgent; red stays red. */
    public Urgency raised() {
        return this == RED ? RED : values()[ordinal() - 1];
    }

    public static Urgency highest(Urgency a, Urgency b) {
        return a.isHigherThan(b) ? a : b;
    }
}
