package org.fanzha.risk.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fanzha.risk.RiskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The risk list's changes on the Kafka topic {@code fanzha.risk.changes} (when
 * {@code FANZHA_KAFKA_BOOTSTRAP} is set), in serial order, keyed by type and value so one
 * identifier's changes stay in one partition in order. One instance at a time publishes (the
 * cursor row is claimed with SKIP LOCKED); the cursor moves only after the broker acknowledged,
 * so a change is published at least once, and a consumer keeps the highest serial per key.
 */
@Component
@ConditionalOnExpression("'${FANZHA_KAFKA_BOOTSTRAP:}' != ''")
class RiskChangesToKafka {

    private static final Logger log = LoggerFactory.getLogger(RiskChangesToKafka.class);
    private static final int PAGE = 1000;

    private final RiskStore store;
    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final String topic;

    RiskChangesToKafka(
            RiskStore store,
            JdbcClient jdbc,
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            TransactionTemplate tx,
            RiskProperties properties) {
        this.store = store;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.json = json;
        this.tx = tx;
        this.topic = properties.kafkaTopic();
    }

    @Scheduled(fixedDelayString = "${fanzha.risk.kafka-interval:500ms}")
    void poll() {
        try {
            while (publish() == PAGE) {
                // the next page
            }
        } catch (RuntimeException e) {
            log.warn("Risk list changes to Kafka: {} (retried)", e.toString());
        }
    }

    /** Publishes one page of changes after the cursor; returns how many. */
    int publish() {
        Integer n = tx.execute(status -> {
            Long cursor = jdbc.sql("SELECT serial FROM risk_kafka_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED")
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (cursor == null) {
                return 0;
            }
            List<RiskStore.Change> changes = store.changes(cursor, PAGE);
            if (changes.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sent = new ArrayList<>(changes.size());
            for (RiskStore.Change c : changes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("serial", c.serial());
                m.put("type", RiskController.type(c.type()));
                m.put("value", c.value());
                m.put("level", c.level().name());
                m.put("action", c.level().action().name());
                m.put("reason", c.rule().code());
                m.put("at", c.at().toString());
                sent.add(
                        kafka.send(topic, RiskController.type(c.type()) + ":" + c.value(), json.writeValueAsString(m)));
            }
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not acknowledge: " + e.getMessage(), e);
            }
            jdbc.sql("UPDATE risk_kafka_cursor SET serial = ? WHERE id = 1")
                    .param(changes.get(changes.size() - 1).serial())
                    .update();
            return changes.size();
        });
        return n == null ? 0 : n;
    }
}
