package org.fanzha.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.fanzha.cases.IdentifierType;
import org.fanzha.risk.RiskLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The in-memory copy of the list: loads, changes, merges, and agrees with a plain map throughout. */
@Tag("fast")
class RiskIndexTest {

    @Test
    void theIndexAgreesWithAMapThroughLoadsChangesAndMerges() {
        RiskIndex index = new RiskIndex();
        Map<String, RiskLevel> expected = new HashMap<>();
        RiskIndex.Loader loader = index.loader(20_000);
        for (int i = 0; i < 20_000; i++) {
            String phone = "+86139" + String.format("%08d", i);
            RiskLevel level = RiskLevel.values()[1 + i % 3];
            loader.add(IdentifierType.PHONE, phone, level, RiskRule.CASE_LINKED);
            expected.put(phone, level);
        }
        loader.install();
        assertThat(index.size()).isEqualTo(20_000);
        Random random = new Random(7);
        // more changes than the delta holds before it is merged, removals among them
        for (int round = 0; round < 3; round++) {
            for (int j = 0; j < 3_000; j++) {
                String phone = "+86139" + String.format("%08d", random.nextInt(30_000));
                RiskLevel level = RiskLevel.values()[random.nextInt(4)];
                index.apply(IdentifierType.PHONE, phone, level, RiskRule.REVIEW);
                if (level == RiskLevel.NONE) {
                    expected.remove(phone);
                } else {
                    expected.put(phone, level);
                }
            }
            index.publish();
            for (int i = 0; i < 30_000; i++) {
                String phone = "+86139" + String.format("%08d", i);
                assertThat(index.find(IdentifierType.PHONE, phone).level())
                        .as(phone)
                        .isEqualTo(expected.getOrDefault(phone, RiskLevel.NONE));
            }
        }
        // types are kept apart: the same digits as a QQ number are not listed
        assertThat(index.find(IdentifierType.QQ, "+8613900000001").level()).isEqualTo(RiskLevel.NONE);
        index.apply(IdentifierType.PAYMENT_ACCOUNT, "张三@example.com", RiskLevel.VERY_HIGH, RiskRule.CASE_RECENT);
        index.publish();
        RiskIndex.Hit hit = index.find(IdentifierType.PAYMENT_ACCOUNT, "张三@example.com");
        assertThat(hit.level()).isEqualTo(RiskLevel.VERY_HIGH);
        assertThat(hit.rule()).isEqualTo(RiskRule.CASE_RECENT);
        assertThat(index.bytes()).isPositive();
    }
}
