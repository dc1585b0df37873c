package org.fanzha.divisions;

import java.util.List;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;

/** An ID number with a bad length, check character or birth date (400); the value is not echoed. */
public class InvalidIdNumber extends InvalidInput {

    public InvalidIdNumber(String reason) {
        super(List.of(new FieldError("idNumber", reason, null)));
    }
}
