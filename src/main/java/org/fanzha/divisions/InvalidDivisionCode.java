package org.fanzha.divisions;

import java.util.List;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;

/** A malformed division code (400). */
public class InvalidDivisionCode extends InvalidInput {

    public InvalidDivisionCode(String raw, String reason) {
        super(List.of(new FieldError("code", reason, raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)));
    }
}
