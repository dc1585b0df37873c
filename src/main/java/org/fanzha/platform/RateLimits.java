package org.fanzha.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits on what the public may do (so many reports an hour per phone, per address), held in the
 * database as Bucket4j buckets so that they hold across every instance. On PostgreSQL it is
 * Bucket4j's own backend (select for update); the embedded H2 of the quick start lacks the
 * {@code ON CONFLICT} that backend writes, so there the same protocol runs on a small adapter.
 */
@Component
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final String TABLE = "rate_limit_bucket";

    private final ProxyManager<String> buckets;
    private final DataSource dataSource;
    private final boolean postgres;

    RateLimits(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        }
        ExpirationAfterWriteStrategy expiry =
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));
        this.buckets = postgres
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table(TABLE)
                        .idColumn("id")
                        .stateColumn("state")
                        .expiresAtColumn("expires_at")
                        .expirationAfterWrite(expiry)
                        .build()
                : new EmbeddedBuckets(
                        dataSource, ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiry));
    }

    /**
     * Takes one from the key's allowance of {@code perHour} (refilled evenly over the hour).
     *
     * @return empty when taken; else how long until one is free again
     */
    public Optional<Duration> take(String key, int perHour) {
        String id = key.length() > 150 ? key.substring(0, 150) : key;
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perHour)
                        .refillIntervally(perHour, Duration.ofHours(1))
                        .build())
                .build();
        var probe = buckets.builder().build(id, () -> config).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Buckets full again and untouched are removed. */
    @Scheduled(
            fixedDelayString = "${fanzha.rate-limits.cleanup:10m}",
            initialDelayString = "${fanzha.rate-limits.cleanup:10m}")
    void removeExpired() {
        int removed = 0;
        if (buckets instanceof PostgreSQLSelectForUpdateBasedProxyManager<String> pg) {
            int batch;
            do {
                batch = pg.removeExpired(1000);
                removed += batch;
            } while (batch == 1000);
        } else {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE expires_at < ?")) {
                ps.setLong(1, System.currentTimeMillis());
                removed = ps.executeUpdate();
            } catch (SQLException e) {
                log.warn("Rate limits: expired buckets not removed: {}", e.getMessage());
            }
        }
        if (removed > 0) {
            log.debug("Rate limits: {} expired buckets removed", removed);
        }
    }

    /** Bucket4j's select-for-update protocol in SQL that H2 also speaks. */
    static final class EmbeddedBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

        private final DataSource dataSource;
        private final ClientSideConfig config;

        EmbeddedBuckets(DataSource dataSource, ClientSideConfig config) {
            super(config);
            this.dataSource = dataSource;
            this.config = config;
        }

        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }

        @Override
        public void removeProxy(String key) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeout) {
            return new SelectForUpdateBasedTransaction() {
                private Connection c;

                @Override
                public void begin(Optional<Long> t) {
                    try {
                        c = dataSource.getConnection();
                        c.setAutoCommit(false);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public LockAndGetResult tryLockAndGet(Optional<Long> t) {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT state FROM " + TABLE + " WHERE id = ? FOR UPDATE")) {
                        ps.setString(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public boolean tryInsertEmptyData(Optional<Long> t) {
                    try (PreparedStatement ps =
                            c.prepareStatement("INSERT INTO " + TABLE + " (id, state) VALUES (?, NULL)")) {
                        ps.setString(1, key);
                        return ps.executeUpdate() > 0;
                    } catch (SQLException duplicate) {
                        // another instance inserted it first: lock theirs
                        try {
                            c.rollback();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        return false;
                    }
                }

                @Override
                public void update(byte[] data, RemoteBucketState state, Optional<Long> t) {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE " + TABLE + " SET state = ?, expires_at = ? WHERE id = ?")) {
                        long now = System.currentTimeMillis();
                        long ttl = config.getExpirationAfterWriteStrategy()
                                .map(s -> s.calculateTimeToLiveMillis(state, now))
                                .orElse(Duration.ofHours(2).toMillis());
                        ps.setBytes(1, data);
                        ps.setLong(2, now + ttl);
                        ps.setString(3, key);
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        c.rollback();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void commit(Optional<Long> t) {
                    try {
                        c.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void release() {
                    try {
                        if (c != null) {
                            c.close();
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
    }
}
