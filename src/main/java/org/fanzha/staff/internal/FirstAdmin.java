package org.fanzha.staff.internal;

import java.util.ArrayList;
import java.util.Set;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first account of a new production database: when no staff account exists and
 * {@code FANZHA_BOOTSTRAP_ADMIN_PASSWORD} is set, creates {@code admin} (ADMIN of the province)
 * with that password. It does nothing once any account exists, so the variable can be removed
 * after the first start.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final JdbcClient jdbc;
    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final String provinceCode;
    private final String password;
    private final org.fanzha.audit.AuditLog audit;

    FirstAdmin(
            JdbcClient jdbc,
            StaffAccounts accounts,
            PasswordEncoder passwords,
            DivisionsProperties divisions,
            org.fanzha.audit.AuditLog audit,
            @Value("${FANZHA_BOOTSTRAP_ADMIN_PASSWORD:}") String password) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.provinceCode = divisions.provinceCode();
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (password.isEmpty()
                || jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single() > 0) {
            return;
        }
        var errors = new ArrayList<org.fanzha.platform.FieldError>();
        StaffAdministration.checkPassword("admin", password, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(
                    "FANZHA_BOOTSTRAP_ADMIN_PASSWORD: " + errors.get(0).message(java.util.Locale.ENGLISH));
        }
        accounts.insert(
                "admin", "系统管理员", provinceCode, null, passwords.encode(password), Set.of(Role.ADMIN), "bootstrap");
        audit.record(
                "CREATE",
                "staff",
                "admin",
                "the first account, ADMIN of " + provinceCode + ", from FANZHA_BOOTSTRAP_ADMIN_PASSWORD");
        log.warn(
                "Created the first account 'admin' (ADMIN, unit {}) from FANZHA_BOOTSTRAP_ADMIN_PASSWORD; "
                        + "change its password and remove the variable.",
                provinceCode);
    }
}
