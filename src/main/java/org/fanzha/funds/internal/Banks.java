package org.fanzha.funds.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fanzha.platform.BankCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Banks and payment institutions by code, name or short name; read once, they rarely change. */
@Service
class Banks implements BankCodes {

    record Bank(String code, String name, String kind) {}

    private final JdbcClient jdbc;
    private volatile @Nullable Map<String, Bank> byKey;
    private volatile @Nullable Map<String, Bank> byCode;

    Banks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private Map<String, Bank> keys() {
        Map<String, Bank> k = byKey;
        if (k == null) {
            Map<String, Bank> keys = new HashMap<>();
            Map<String, Bank> codes = new HashMap<>();
            for (Map<String, Object> row : jdbc.sql("SELECT code, name, kind, aliases FROM bank")
                    .query()
                    .listOfRows()) {
                Bank b = new Bank((String) row.get("code"), (String) row.get("name"), (String) row.get("kind"));
                codes.put(b.code(), b);
                keys.put(norm(b.code()), b);
                keys.put(norm(b.name()), b);
                for (String alias : ((String) row.get("aliases")).split(",")) {
                    if (!alias.isBlank()) {
                        keys.put(norm(alias), b);
                    }
                }
            }
            byCode = Map.copyOf(codes);
            k = Map.copyOf(keys);
            byKey = k;
        }
        return k;
    }

    private static String norm(String s) {
        return s.strip().replace(" ", "").toUpperCase(Locale.ROOT);
    }

    Optional<Bank> find(@Nullable String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank() || codeOrName.length() > 60) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys().get(norm(codeOrName)));
    }

    Bank get(String code) {
        keys();
        return java.util.Objects.requireNonNull(byCode).get(code);
    }

    List<Bank> all() {
        keys();
        return java.util.Objects.requireNonNull(byCode).values().stream()
                .sorted(java.util.Comparator.comparing(Bank::code))
                .toList();
    }

    @Override
    public Optional<String> resolve(String codeOrName) {
        return find(codeOrName).map(Bank::code);
    }
}
