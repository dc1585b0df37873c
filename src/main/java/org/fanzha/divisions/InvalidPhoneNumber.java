package org.fanzha.divisions;

import java.util.List;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;

/** Something that is no telephone number (400). */
public class InvalidPhoneNumber extends InvalidInput {

    public InvalidPhoneNumber(String field, String raw, String reason) {
        super(List.of(FieldError.of(field, reason, raw.length() > 30 ? raw.substring(0, 30) + "…" : raw)));
    }
}
