package org.fanzha.staff.internal;

import java.util.Optional;
import org.fanzha.platform.Actor;
import org.fanzha.staff.PartnerBanks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class PartnerBankLookup implements PartnerBanks {

    private final JdbcClient jdbc;

    PartnerBankLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> bankOf(Actor actor) {
        if (actor.kind() != Actor.Kind.PARTNER) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT bank_code FROM api_token WHERE id = ? AND kind = 'PARTNER'")
                .param(actor.id())
                .query(String.class)
                .optional();
    }
}
