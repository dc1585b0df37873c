package org.fanzha.staff.internal;

import java.time.Instant;
import java.util.Set;
import org.fanzha.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo accounts (password {@value #PASSWORD}), created at start under the demo profile only
 * and listed in README.md. Existing accounts are left alone.
 */
@Component
@Profile("demo")
class DemoStaff implements ApplicationRunner {

    static final String PASSWORD = "fanzha-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoStaff.class);

    private record Demo(String username, String displayName, String unit, Role role, String phone) {}

    private static final Demo[] ACCOUNTS = {
        new Demo("admin", "系统管理员", "41", Role.ADMIN, "13700000001"),
        new Demo("duty", "省反诈中心值班长", "41", Role.COMMANDER, "13700000002"),
        new Demo("zhengzhou", "郑州市反诈中心指挥长", "4101", Role.COMMANDER, "13703710001"),
        new Demo("jinshui", "金水分局民警", "410105", Role.OFFICER, "13703710002"),
        new Demo("luoyang", "洛阳市反诈中心指挥长", "4103", Role.COMMANDER, "13937900001"),
        new Demo("hotline", "96110 坐席", "41", Role.HOTLINE, "13700000003"),
        new Demo("analyst", "研判分析员", "41", Role.ANALYST, "13700000004"),
        new Demo("auditor", "审计员", "41", Role.AUDITOR, "13700000005"),
    };

    static final java.util.Map<String, String> POLICE_NUMBERS =
            java.util.Map.of("duty", "000101", "zhengzhou", "010101", "jinshui", "010502", "luoyang", "030101");

    /** The bank partner for trying the funds API by hand: 中国建设银行, answering only when called. */
    static final String BANK_TOKEN = "demo-bank-token";

    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final ApiTokens tokens;

    DemoStaff(StaffAccounts accounts, PasswordEncoder passwords, ApiTokens tokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int created = 0;
        String hash = null;
        for (Demo demo : ACCOUNTS) {
            if (accounts.byUsername(demo.username()).isEmpty()) {
                hash = hash == null ? passwords.encode(PASSWORD) : hash;
                accounts.insert(
                        demo.username(),
                        demo.displayName(),
                        demo.unit(),
                        demo.phone(),
                        hash,
                        Set.of(demo.role()),
                        "demo");
                created++;
            }
        }
        if (created > 0) {
            log.info("Demo profile: created {} demo accounts (password {}) at {}", created, PASSWORD, Instant.now());
        }
        // police numbers (警号) for the public's caller check: e.g. 010502 with the name 金水分局民警
        for (var number : POLICE_NUMBERS.entrySet()) {
            accounts.byUsername(number.getKey())
                    .filter(a -> accounts.policeNumber(a.id()).orElse(null) == null)
                    .ifPresent(a -> accounts.setPoliceNumber(a.id(), number.getValue()));
        }
        if (tokens.authenticate(BANK_TOKEN).isEmpty()) {
            var issued = tokens.issueWithSecret(
                    BANK_TOKEN,
                    "中国建设银行（演示）",
                    "41",
                    java.util.EnumSet.of(org.fanzha.platform.Permission.FUNDS_RESPOND),
                    java.util.EnumSet.of(org.fanzha.platform.Source.BANK),
                    "demo");
            tokens.bindBank(issued.token().id(), "CCB");
            log.info("Demo profile: bank partner token {} for 中国建设银行 (CCB)", BANK_TOKEN);
        }
    }
}
