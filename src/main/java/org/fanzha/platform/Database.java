package org.fanzha.platform;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The few places where SQL differs between the embedded H2 and PostgreSQL. */
@Component
public class Database {

    private final boolean postgresql;

    Database(DataSource dataSource) {
        String product = new JdbcTemplate(dataSource).execute((ConnectionCallback<String>) con -> {
            DatabaseMetaData meta = con.getMetaData();
            return meta.getDatabaseProductName();
        });
        this.postgresql = "PostgreSQL".equalsIgnoreCase(product);
    }

    public boolean postgresql() {
        return postgresql;
    }

    /**
     * The row lock for a worker that claims rows to change columns that are no key:
     * PostgreSQL's {@code FOR NO KEY UPDATE}, which does not wait for (or, with SKIP LOCKED, pass
     * over) rows that a concurrent insert elsewhere merely references through a foreign key; H2
     * knows only {@code FOR UPDATE}.
     */
    public String forNoKeyUpdate() {
        return postgresql ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }
}
