package org.fanzha.divisions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.springframework.stereotype.Component;

/**
 * Finds the deepest division an address names, walking down the tree: city, county, township,
 * village, each searched within the one found above it (or the whole province when the level
 * above was not written). Names are matched in full and in the short forms people write
 * (金水区 → 金水, 文化路街道 → 文化路, 黄河社区居民委员会 → 黄河社区). Where two divisions of a
 * level match equally well the address is ambiguous there and the walk stops: no guessing.
 */
@Component
class AddressMatcher {

    private static final String[] SUFFIXES = {
        "社区居民居委会", "社区居民委员会", "居民居委会", "居民委员会", "村民委员会", "社区居委会", "居委会", "村委会", "委员会", "街道办事处", "办事处", "街道", "镇", "乡",
        "特别行政区", "自治区", "自治州", "自治县", "地区", "市", "区", "县"
    };

    private final Divisions divisions;

    AddressMatcher(Divisions divisions) {
        this.divisions = divisions;
    }

    record Match(Division division, String matched) {}

    Optional<Match> match(String address, String provinceCode) {
        String text = address.replaceAll("\\s+", "");
        Division province = divisions.get(provinceCode);
        for (String name : names(province.name())) {
            if (text.startsWith(name)) {
                text = text.substring(name.length());
                break;
            }
        }
        Match best = null;
        Division scope = province;
        List<DivisionLevel> levels =
                List.of(DivisionLevel.CITY, DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP, DivisionLevel.VILLAGE);
        for (DivisionLevel level : levels) {
            List<Division> candidates = below(scope, level);
            Optional<Match> found = unique(text, candidates);
            if (found.isPresent()) {
                best = found.get();
                scope = best.division();
            } else if (level == DivisionLevel.TOWNSHIP && scope.level() != DivisionLevel.COUNTY) {
                break; // townships and villages repeat across the province: only look inside a county
            }
        }
        return Optional.ofNullable(best);
    }

    /** Units of the given level below the scope (its descendants, not only its children). */
    private List<Division> below(Division scope, DivisionLevel level) {
        List<Division> result = new ArrayList<>();
        collect(scope, level, result);
        return result;
    }

    private void collect(Division node, DivisionLevel level, List<Division> out) {
        for (Division child : divisions.children(node.code())) {
            if (child.level() == level) {
                out.add(child);
            } else if (child.level().ordinal() < level.ordinal()) {
                collect(child, level, out);
            }
        }
    }

    /** The single candidate with the longest name found in the text; empty when none or a tie. */
    private Optional<Match> unique(String text, List<Division> candidates) {
        Match best = null;
        boolean tie = false;
        for (Division d : candidates) {
            for (String name : names(d.name())) {
                if (!text.contains(name)) {
                    continue;
                }
                if (best == null || name.length() > best.matched().length()) {
                    best = new Match(d, name);
                    tie = false;
                } else if (name.length() == best.matched().length()
                        && !best.division().code().equals(d.code())) {
                    tie = true;
                }
                break;
            }
        }
        return tie || best == null ? Optional.empty() : Optional.of(best);
    }

    /** The full name first, then its short forms of at least two characters. */
    static List<String> names(String full) {
        List<String> names = new ArrayList<>(3);
        names.add(full);
        for (String suffix : SUFFIXES) {
            if (full.endsWith(suffix) && full.length() - suffix.length() >= 2) {
                String shorter = full.substring(0, full.length() - suffix.length());
                if (!names.contains(shorter)) {
                    names.add(shorter);
                }
                if (suffix.startsWith("社区") && !names.contains(shorter + "社区")) {
                    names.add(1, shorter + "社区");
                } else if (suffix.startsWith("村") && !shorter.endsWith("村")) {
                    names.add(1, shorter + "村");
                }
                break;
            }
        }
        return names;
    }
}
