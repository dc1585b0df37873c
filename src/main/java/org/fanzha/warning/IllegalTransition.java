package org.fanzha.warning;

import java.util.Map;
import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** An action the warning's state does not allow (409), e.g. closing a closed warning. */
public class IllegalTransition extends ProblemException {

    public IllegalTransition(long id, WarningState state, String action) {
        super(
                HttpStatus.CONFLICT,
                "illegal-transition",
                "problem.wrongState.title",
                "problem.illegalTransition.detail",
                java.util.List.of(
                        id,
                        org.fanzha.platform.Texts.key("state." + state),
                        org.fanzha.platform.Texts.key("warning.action." + action)),
                Map.of("state", state.name()));
    }
}
