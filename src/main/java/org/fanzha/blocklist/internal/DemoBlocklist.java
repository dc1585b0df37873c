package org.fanzha.blocklist.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.fanzha.blocklist.Scope;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: an empty blocklist gets a national-centre import of made-up fraud sites
 * (under {@code .example}, which resolves nowhere), a few entries waiting for review, one appeal,
 * and some weeks of counted visits, so the blocking pages show what they do.
 */
@Component
@Profile("demo")
class DemoBlocklist implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoBlocklist.class);
    private static final Actor CENTRE = new Actor(
            Actor.Kind.PARTNER,
            0,
            "demo-national-centre",
            "国家反诈中心（演示）",
            "41",
            Set.of(),
            EnumSet.of(Permission.BLOCKLIST_SUBMIT),
            EnumSet.of(Source.NATIONAL_CENTRE));
    private static final Actor PUBLIC = new Actor(
            Actor.Kind.PARTNER,
            0,
            "demo-public-reports",
            "群众举报（演示）",
            "41",
            Set.of(),
            EnumSet.of(Permission.BLOCKLIST_SUBMIT),
            EnumSet.of(Source.PUBLIC_REPORT));
    private static final String[] WORDS = {
        "daikuan", "kuaidai", "shuadan", "touzi", "licai", "kefu", "tuikuan", "zhengxin", "youxi", "jiaoyou"
    };
    private static final FraudType[] TYPES = {
        FraudType.LOAN, FraudType.LOAN, FraudType.ORDER_BRUSHING, FraudType.INVESTMENT, FraudType.INVESTMENT,
        FraudType.CUSTOMER_SERVICE, FraudType.CUSTOMER_SERVICE, FraudType.CREDIT_REPAIR, FraudType.GAME_TRADING,
                FraudType.ROMANCE
    };

    private final Imports imports;
    private final Blocklist blocklist;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.fanzha.appeals.Appeals appeals;

    DemoBlocklist(
            Imports imports, Blocklist blocklist, JdbcClient jdbc, Clock clock, org.fanzha.appeals.Appeals appeals) {
        this.appeals = appeals;
        this.imports = imports;
        this.blocklist = blocklist;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM block_entry").query(Long.class).single() > 0) {
            return;
        }
        Random random = new Random(96110);
        int imported = 0;
        for (int t = 0; t < WORDS.length; t++) {
            StringBuilder list = new StringBuilder("# 国家反诈中心推送（演示数据）\n");
            for (int i = 0; i < 30; i++) {
                list.append(WORDS[t])
                        .append('-')
                        .append(Integer.toString(random.nextInt(1 << 20), 36))
                        .append(".example\n");
            }
            var report = imports.importList(
                    Imports.Format.PLAIN,
                    TYPES[t],
                    Source.NATIONAL_CENTRE,
                    Scope.DOMAIN_AND_SUBDOMAINS,
                    new java.io.ByteArrayInputStream(list.toString().getBytes(StandardCharsets.UTF_8)),
                    CENTRE);
            imported += report.accepted();
        }
        for (int i = 0; i < 5; i++) {
            blocklist.add(
                    new Blocklist.Submission(
                            "http://shuadan-" + i + ".example/task/" + (1000 + i),
                            Scope.URL_PREFIX,
                            FraudType.ORDER_BRUSHING,
                            Source.PUBLIC_REPORT,
                            "群众举报：刷单返利，先垫付后返佣（演示）",
                            "SHOT-2021-06-" + (10 + i),
                            null),
                    PUBLIC);
        }
        String appealed = jdbc.sql("SELECT pattern FROM block_entry WHERE state = 'ACTIVE' ORDER BY id LIMIT 1")
                .query(String.class)
                .single();
        appeals.file("URL", appealed, "某某科技有限公司（演示）", "0371-00000000", "本网站为正规企业官网，请核实（演示数据）");
        // some weeks of counted visits
        LocalDate today = LocalDate.now(Hits.CHINA);
        var ids = jdbc.sql("SELECT id FROM block_entry WHERE state = 'ACTIVE' ORDER BY id")
                .query(Long.class)
                .list();
        for (int d = 27; d >= 0; d--) {
            for (int k = 0; k < 6; k++) {
                long entry = ids.get(random.nextInt(ids.size()));
                jdbc.sql("""
                                MERGE INTO block_hit_day t USING (VALUES (CAST(? AS BIGINT), CAST(? AS DATE))) AS s (entry_id, hit_day)
                                ON t.entry_id = s.entry_id AND t.hit_day = s.hit_day
                                WHEN MATCHED THEN UPDATE SET hits = t.hits + ?
                                WHEN NOT MATCHED THEN INSERT (entry_id, hit_day, hits) VALUES (s.entry_id, s.hit_day, ?)""")
                        .params(
                                entry,
                                java.sql.Date.valueOf(today.minusDays(d)),
                                1 + random.nextInt(40),
                                1 + random.nextInt(40))
                        .update();
            }
        }
        log.info(
                "Demo profile: {} blocked fraud sites, 5 waiting for review, 1 appeal, {} as of {}",
                imported,
                "four weeks of visits",
                Timestamp.from(Instant.now(clock)));
    }
}
