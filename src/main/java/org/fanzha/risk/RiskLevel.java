package org.fanzha.risk;

/** How risky an identifier is, and what a partner does about it. */
public enum RiskLevel {
    /** Not on the list (or no longer). */
    NONE(RiskAction.NONE),
    /** Reported, not reviewed: warn the customer. */
    MEDIUM(RiskAction.WARN),
    /** Reviewed, or linked to a case: warn and have the customer confirm. */
    HIGH(RiskAction.CONFIRM),
    /** A receiving account or caller of a recent case, or confirmed by review: decline or block. */
    VERY_HIGH(RiskAction.DECLINE);

    private final RiskAction action;

    RiskLevel(RiskAction action) {
        this.action = action;
    }

    public RiskAction action() {
        return action;
    }

    /** This level lowered by some steps, never below NONE. */
    public RiskLevel lowered(int steps) {
        return values()[Math.max(0, ordinal() - Math.max(0, steps))];
    }

    public static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
