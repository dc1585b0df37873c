package org.fanzha.divisions;

import java.util.List;
import java.util.Optional;

/** The unit hierarchy, read-only. Cheap to call: served from memory after the first use. */
public interface Divisions {

    Optional<Division> find(String code);

    /** The division with the code, after normalisation and mapping of obsolete codes. */
    Division get(String code);

    /** The units directly below, ordered by code (the province lists its 18 city-level units). */
    List<Division> children(String code);

    int childCount(String code);

    /** The children as nodes with their own child counts, for trees. */
    default List<DivisionNode> childNodes(String code) {
        return children(code).stream().map(this::node).toList();
    }

    default DivisionNode node(Division d) {
        return new DivisionNode(d.code(), d.name(), d.level(), childCount(d.code()));
    }

    /** From the province down to the division's parent. */
    List<Division> ancestors(String code);

    /** Normalised and, if obsolete (410881 济源市 → 419001), mapped to today's code. */
    DivisionCode canonical(String raw);

    /** Divisions whose name contains the text, or whose code starts with it; at most limit, within a subtree. */
    List<Division> search(String text, String withinCode, int limit);

    /** All units at one level (CITY → the 17 prefecture cities and 济源). */
    List<Division> atLevel(DivisionLevel level);

    int size();
}
