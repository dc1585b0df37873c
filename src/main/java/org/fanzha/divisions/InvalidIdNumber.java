package org.fanzha.divisions;

import java.util.List;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;

/** An ID number with a bad length, check character or birth date (400); the value is not echoed. */
public class InvalidIdNumber extends InvalidInput {

    /** The reason is a bundle key with its arguments. */
    public InvalidIdNumber(String reason, Object... args) {
        super(List.of(FieldError.of("idNumber", reason, null, args)));
    }
}
