package org.apiary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void sqliteForms() {
        assertThat(DatabaseUrl.parse("sqlite:////var/lib/apiary/apiary.db").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/apiary/apiary.db");
        assertThat(DatabaseUrl.parse("sqlite:///rel.db").jdbcUrl()).isEqualTo("jdbc:sqlite:rel.db");
        assertThat(DatabaseUrl.parse("sqlite://").jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
    }

    @Test
    void serverFormsWithDriversCredentialsAndDefaults() {
        DatabaseUrl pg = DatabaseUrl.parse("postgresql+psycopg2://nova:s%40cret@db.example:6432/apiary");
        assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/apiary");
        assertThat(pg.user()).isEqualTo("nova");
        assertThat(pg.password()).isEqualTo("s@cret");
        DatabaseUrl my = DatabaseUrl.parse("mysql+pymysql://apiary:pw@10.0.0.5/apiary?charset=utf8");
        assertThat(my.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(my.jdbcUrl()).isEqualTo("jdbc:mariadb://10.0.0.5:3306/apiary");
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> DatabaseUrl.parse("oracle://x/y")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://host")).hasMessageContaining("no database name");
        assertThatThrownBy(() -> DatabaseUrl.parse("nonsense")).hasMessageContaining("scheme");
    }

    @Test
    void redactsPasswords() {
        assertThat(DatabaseUrl.redact("postgresql://u:secret@h/db")).isEqualTo("postgresql://u:***@h/db");
    }
}
