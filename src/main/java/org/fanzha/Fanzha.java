package org.fanzha;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Fanzha (反诈), the anti-telecom-fraud collaborative operations platform. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Fanzha", sharedModules = "platform")
public class Fanzha {

    public static void main(String[] args) {
        SpringApplication.run(Fanzha.class, args);
    }
}
