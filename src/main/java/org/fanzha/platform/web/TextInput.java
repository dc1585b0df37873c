package org.fanzha.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text read from JSON bodies: a string holding NUL (U+0000) is refused where it stands, so the
 * answer names the field ({@code "errors":[{"field":"note","message":"NUL characters …"}]}) and
 * nothing of the request is stored.
 */
@Configuration(proxyBeanMethods = false)
class TextInput {

    static final String NUL_REFUSED = "holds a NUL character (U+0000), which text may not contain";

    @Bean
    JacksonModule textInputModule() {
        return new SimpleModule("fanzha-text-input").addDeserializer(String.class, new NoNul());
    }

    static final class NoNul extends StdScalarDeserializer<String> {

        NoNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, NUL_REFUSED, value.replace('\u0000', '\uFFFD'), String.class);
            }
            return value;
        }

        @Override
        public tools.jackson.databind.type.LogicalType logicalType() {
            return tools.jackson.databind.type.LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }
}
