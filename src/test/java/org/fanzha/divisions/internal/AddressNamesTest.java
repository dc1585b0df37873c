package org.fanzha.divisions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressNamesTest {

    @Test
    void officialNamesAlsoMatchTheShortFormsPeopleWrite() {
        assertThat(AddressMatcher.names("金水区")).containsExactly("金水区", "金水");
        assertThat(AddressMatcher.names("文化路街道")).containsExactly("文化路街道", "文化路");
        assertThat(AddressMatcher.names("黄河社区居民委员会")).containsExactly("黄河社区居民委员会", "黄河社区", "黄河");
        assertThat(AddressMatcher.names("张庄村民委员会")).containsExactly("张庄村民委员会", "张庄村", "张庄");
        assertThat(AddressMatcher.names("体育社区居民居委会")).contains("体育社区");
    }

    @Test
    void shortFormsOfOneCharacterAreNotUsed() {
        assertThat(AddressMatcher.names("滑县")).containsExactly("滑县");
    }
}
