package org.fanzha.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DivisionCodeTest {

    @ParameterizedTest
    @CsvSource({
        "41, 41",
        "410000, 41",
        "4101, 4101",
        "410100, 4101",
        "410105, 410105",
        " 410105 , 410105",
        "410105008, 410105008",
        "410105000, 410105",
        "410105001003, 410105001003",
        "410105008000, 410105008",
        "410105000000, 410105",
        "419001, 419001"
    })
    void paddedCodesAreNormalised(String raw, String expected) {
        assertThat(DivisionCode.of(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "410", "41010", "4101050", "41x105", "-41", "0000", "00", "4101050010031", "４１"})
    void malformedCodesCannotExist(String raw) {
        assertThatThrownBy(() -> DivisionCode.of(raw)).isInstanceOf(InvalidDivisionCode.class);
    }
}
