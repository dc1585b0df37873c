package org.fanzha.staff;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.sql.Timestamp;
import java.time.Instant;
import org.fanzha.testing.Api;
import org.fanzha.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Notices are read or unread for each staff member; the badge counts the unread only. */
@IntegrationTest
class NoticesPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    long notice(String unit, String text) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO notice (unit_code, at, kind, subject, text, link) VALUES (?, ?, 'RED_WARNING', ?, ?, '/board')")
                .params(unit, Timestamp.from(Instant.now()), "warning 1", text)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Test
    void aNoticeOpenedIsReadAndLeavesTheUnreadViewAndTheBadge() throws Exception {
        String text = "红色预警通知-" + System.nanoTime();
        long id = notice("410105", text);
        var session = api.session("jinshui");
        mvc.perform(get("/notices").param("unread", "true").session(session))
                .andExpect(content().string(containsString(text)))
                .andExpect(content().string(containsString("红色预警")));
        mvc.perform(get("/notices/{id}/open", id).session(session)).andExpect(redirectedUrl("/board"));
        mvc.perform(get("/notices").param("unread", "true").session(session))
                .andExpect(content().string(not(containsString(text))));
        mvc.perform(get("/notices").session(session)).andExpect(content().string(containsString(text)));
        // another unit's notice is not opened (nor marked) for this officer
        long other = notice("4103", "洛阳通知-" + System.nanoTime());
        mvc.perform(get("/notices/{id}/open", other).session(session)).andExpect(redirectedUrl("/notices"));
        // read all empties the unread view
        String second = "第二条-" + System.nanoTime();
        notice("410105", second);
        mvc.perform(post("/notices/read").session(session).with(csrf())).andExpect(redirectedUrl("/notices"));
        mvc.perform(get("/notices").param("unread", "true").session(session))
                .andExpect(content().string(not(containsString(second))))
                .andExpect(content().string(containsString("未读通知 0")));
    }
}
