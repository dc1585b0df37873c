package org.fanzha.platform;

import static org.fanzha.platform.Permission.AUDIT_READ;
import static org.fanzha.platform.Permission.BLOCKLIST_CHECK;
import static org.fanzha.platform.Permission.BLOCKLIST_EXPORT;
import static org.fanzha.platform.Permission.BLOCKLIST_REVIEW;
import static org.fanzha.platform.Permission.BLOCKLIST_SUBMIT;
import static org.fanzha.platform.Permission.CASES_LINK;
import static org.fanzha.platform.Permission.CASES_READ;
import static org.fanzha.platform.Permission.CASES_WRITE;
import static org.fanzha.platform.Permission.CONTACT_SCRIPTS_EDIT;
import static org.fanzha.platform.Permission.CREDIT_QUERY;
import static org.fanzha.platform.Permission.DISPATCH_MODEL_MANAGE;
import static org.fanzha.platform.Permission.DIVISIONS_READ;
import static org.fanzha.platform.Permission.FUNDS_REQUEST;
import static org.fanzha.platform.Permission.FUNDS_RETURN_APPROVE;
import static org.fanzha.platform.Permission.GRID_MANAGE;
import static org.fanzha.platform.Permission.HOTLINE_CALL;
import static org.fanzha.platform.Permission.LEADS_SUBMIT;
import static org.fanzha.platform.Permission.NUMBER_SEGMENTS_MANAGE;
import static org.fanzha.platform.Permission.PERFORMANCE_ADJUST;
import static org.fanzha.platform.Permission.PERFORMANCE_READ;
import static org.fanzha.platform.Permission.PERSONAL_DATA_REVEAL;
import static org.fanzha.platform.Permission.RISK_CHECK;
import static org.fanzha.platform.Permission.RISK_REVIEW;
import static org.fanzha.platform.Permission.STAFF_MANAGE;
import static org.fanzha.platform.Permission.STAFF_READ;
import static org.fanzha.platform.Permission.TOKENS_MANAGE;
import static org.fanzha.platform.Permission.WARNINGS_ASSIGN;
import static org.fanzha.platform.Permission.WARNINGS_READ;
import static org.fanzha.platform.Permission.WARNINGS_WORK;

import java.util.EnumSet;
import java.util.Set;

/**
 * Staff roles. The permission matrix in README.md is this enum; keep them in step. Every
 * permission is further limited to the staff member's unit subtree ({@link Actor#covers}).
 */
public enum Role {
    /** Manages accounts, API tokens and reference data of the unit subtree. */
    ADMIN(EnumSet.of(
            DIVISIONS_READ,
            STAFF_READ,
            STAFF_MANAGE,
            TOKENS_MANAGE,
            NUMBER_SEGMENTS_MANAGE,
            PERSONAL_DATA_REVEAL,
            GRID_MANAGE,
            DISPATCH_MODEL_MANAGE)),
    /** Sees and assigns everything in the unit subtree and reads its reports. */
    COMMANDER(EnumSet.of(
            DIVISIONS_READ,
            STAFF_READ,
            PERSONAL_DATA_REVEAL,
            WARNINGS_READ,
            WARNINGS_WORK,
            WARNINGS_ASSIGN,
            LEADS_SUBMIT,
            BLOCKLIST_CHECK,
            BLOCKLIST_SUBMIT,
            BLOCKLIST_REVIEW,
            BLOCKLIST_EXPORT,
            CASES_READ,
            CASES_WRITE,
            CASES_LINK,
            CREDIT_QUERY,
            FUNDS_REQUEST,
            FUNDS_RETURN_APPROVE,
            PERFORMANCE_READ,
            PERFORMANCE_ADJUST,
            CONTACT_SCRIPTS_EDIT,
            GRID_MANAGE,
            RISK_CHECK,
            RISK_REVIEW)),
    /** Works what is assigned to the unit. */
    OFFICER(EnumSet.of(
            DIVISIONS_READ,
            PERSONAL_DATA_REVEAL,
            WARNINGS_READ,
            WARNINGS_WORK,
            LEADS_SUBMIT,
            BLOCKLIST_CHECK,
            BLOCKLIST_SUBMIT,
            CASES_READ,
            CASES_WRITE,
            FUNDS_REQUEST,
            RISK_CHECK)),
    /** 96110 warning hotline operator. */
    HOTLINE(EnumSet.of(
            DIVISIONS_READ,
            PERSONAL_DATA_REVEAL,
            WARNINGS_READ,
            WARNINGS_WORK,
            LEADS_SUBMIT,
            HOTLINE_CALL,
            BLOCKLIST_CHECK,
            RISK_CHECK)),
    /** Cases, cards and funds in the unit subtree. */
    ANALYST(EnumSet.of(
            DIVISIONS_READ,
            PERSONAL_DATA_REVEAL,
            WARNINGS_READ,
            BLOCKLIST_CHECK,
            BLOCKLIST_SUBMIT,
            CASES_READ,
            CASES_WRITE,
            CASES_LINK,
            CREDIT_QUERY,
            FUNDS_REQUEST,
            PERFORMANCE_READ,
            RISK_CHECK,
            RISK_REVIEW)),
    /** Reads the audit log, nothing else. */
    AUDITOR(EnumSet.of(AUDIT_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }
}
