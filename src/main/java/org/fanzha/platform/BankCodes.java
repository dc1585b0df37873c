package org.fanzha.platform;

import java.util.Optional;

/** The banks and payment institutions the platform knows (kept by the funds module). */
public interface BankCodes {

    /** The code of an institution given by its code, name or a usual short name (建行 → CCB). */
    Optional<String> resolve(String codeOrName);
}
