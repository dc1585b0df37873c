package org.fanzha.divisions;

import org.jspecify.annotations.Nullable;

/**
 * One division of the unit hierarchy.
 *
 * @param code the division code
 * @param name the official name (郑州市, 金水区, 文化路街道 …)
 * @param level its level in the unit tree (济源 419001 is a CITY although its code has six digits)
 * @param parentCode the code of the unit above it; null for the province
 * @param unit false for statistical groups that have no police unit (4190)
 */
public record Division(
        String code,
        String name,
        DivisionLevel level,
        @Nullable String parentCode,
        boolean unit) {}
