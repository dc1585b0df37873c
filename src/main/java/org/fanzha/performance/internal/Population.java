package org.fanzha.performance.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.PerformanceProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Residents per unit for per-capita figures: Henan's 18 city-level units at the 2020 census
 * (performance/henan-population-2020.csv, from ../shared/data), overridden or extended per unit
 * by {@code fanzha.performance.population}; the province is the sum of its cities unless given.
 */
@Component
class Population {

    private final PerformanceProperties properties;
    private final Divisions divisions;
    private volatile @Nullable Map<String, Long> loaded;

    Population(PerformanceProperties properties, Divisions divisions) {
        this.properties = properties;
        this.divisions = divisions;
    }

    private Map<String, Long> load() {
        Map<String, Long> residents = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/performance/henan-population-2020.csv")),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                if (f.length == 3) {
                    residents.put(f[0].strip(), Long.parseLong(f[2].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.population().forEach((code, n) -> residents.put(code, n));
        for (Division province : divisions.atLevel(DivisionLevel.PROVINCE)) {
            if (!residents.containsKey(province.code())) {
                long sum = divisions.atLevel(DivisionLevel.CITY).stream()
                        .mapToLong(c -> residents.getOrDefault(c.code(), 0L))
                        .sum();
                if (sum > 0) {
                    residents.put(province.code(), sum);
                }
            }
        }
        return Map.copyOf(residents);
    }

    /** The residents of the unit, or null where not known. */
    @Nullable
    Long of(String unitCode) {
        Map<String, Long> r = loaded;
        if (r == null) {
            r = load();
            loaded = r;
        }
        return r.get(unitCode);
    }
}
