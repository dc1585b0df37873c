package org.fanzha.blocklist.internal;

import java.util.List;
import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** Names whose block is asked to be confirmed: the state's own sites. */
final class SensitiveNames {

    private SensitiveNames() {}

    /**
     * A name of a government, Party, education or military institution (gov.cn, edu.cn, mil.cn …):
     * blocking one by mistake cuts the public off from the state; it is blocked only when the
     * submitter confirms it.
     */
    static boolean sensitive(String host) {
        for (String suffix : SENSITIVE) {
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> SENSITIVE =
            List.of("gov.cn", "edu.cn", "mil.cn", "gov", "mil", "edu", "政务", "公益");

    static final class SensitiveName extends ProblemException {
        SensitiveName(String host) {
            super(
                    HttpStatus.CONFLICT,
                    "sensitive-name",
                    "problem.sensitiveName.title",
                    "problem.sensitiveName.detail",
                    args(host),
                    java.util.Map.of("confirmWith", "sensitiveConfirmed"));
        }
    }
}
