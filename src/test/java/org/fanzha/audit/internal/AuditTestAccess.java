package org.fanzha.audit.internal;

import org.fanzha.audit.AuditProperties;
import org.fanzha.audit.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lets tests drive an audit log with another hash algorithm against the same tables. */
public class AuditTestAccess {

    private final JdbcAuditLog log;

    public AuditTestAccess(JdbcClient jdbc, String algorithm) {
        this.log = new JdbcAuditLog(jdbc, new AuditProperties(algorithm));
    }

    public void append(String detail) {
        log.append("test", "41", "TEST", "thing", "sm3", detail, "-");
    }

    public ChainVerification verify() {
        return log.verify();
    }
}
