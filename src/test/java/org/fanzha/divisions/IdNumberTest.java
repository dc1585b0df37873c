package org.fanzha.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    @Test
    void aValidNumberGivesItsCountyAndBirthDate() {
        IdNumber id = new IdNumber("41010519900307123x");
        assertThat(id.value()).isEqualTo("41010519900307123X");
        assertThat(id.countyCode()).isEqualTo("410105");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
    }

    @Test
    void theCheckCharacterFollowsGb11643() {
        // the standard's own example
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void aWrongCheckCharacterIsNamed() {
        assertThatThrownBy(() -> new IdNumber("410105199003071230")).hasMessageContaining("check character");
    }

    @Test
    void anImpossibleOrFutureBirthDateIsNamed() {
        String feb30 = "4101051990023012" + "3";
        assertThatThrownBy(() -> new IdNumber(feb30 + IdNumber.checkCharacter(feb30)))
                .hasMessageContaining("birth date");
        String future = "41010521990101123";
        assertThatThrownBy(() -> new IdNumber(future + IdNumber.checkCharacter(future)))
                .hasMessageContaining("not plausible");
    }

    @Test
    void wrongLengthsAndLettersAreRefused() {
        assertThatThrownBy(() -> new IdNumber("4101051990030712")).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> new IdNumber("4101051990O307123X")).hasMessageContaining("digits");
    }

    @Test
    void itsTextFormHidesTheBirthDate() {
        assertThat(new IdNumber("41010519900307123X").toString()).isEqualTo("410105********123X");
    }
}
