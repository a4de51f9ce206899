package io.spinestream.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.spinestream.events.encoding.Utf8;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read as written: a value of the wrong JSON type is refused (400 naming the field, rule
 * {@code type}) instead of being coerced. Jackson's defaults would take {@code "5"} for a number, {@code 5}
 * for a string, {@code 2.7} as the integer 2, {@code 1} for {@code true}, an enum's index for the enum, a
 * number for an instant or a duration (documented as RFC 3339 / ISO 8601 strings), and ignore anything after
 * the body. Also refused: a key given twice in one object (which value would count?), and text with a NUL
 * character or a lone surrogate.
 *
 * <p>Unknown fields are ignored, as the event and telemetry contracts do (a newer client may send more); {@code
 * null} is the same as an absent field (fine where the field is optional).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Runs after Quarkus' own customizers and the modules they register. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** Makes {@code mapper} read strictly (also usable outside CDI, e.g. in tests). */
    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS is still what turns off "5" -> 5
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("spinestream-strict-json")
                .addDeserializer(String.class, new PlainText())
                .addDeserializer(Double.class, new NumberOnly<>(Double.class))
                .addDeserializer(Float.class, new NumberOnly<>(Float.class))
                .setDeserializerModifier(new TextOnlyTime()));
        return mapper;
    }

    /**
     * Text as PostgreSQL and MongoDB keep it: no NUL character (PostgreSQL refuses it: the request would fail
     * with a 500) and no escaped lone surrogate ({@code "\\ud800"}, which has no UTF-8 form and would be
     * stored as {@code ?}).
     */
    static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, context);
            if (text != null && (text.indexOf(0) >= 0 || Utf8.hasLoneSurrogate(text))) {
                return (String) context.handleWeirdStringValue(String.class, text,
                        "text must not hold NUL characters or lone surrogates");
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A floating-point number from a JSON number only: Jackson reads {@code "NaN"} whatever the coercion rules. */
    static final class NumberOnly<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<?> numbers;

        NumberOnly(Class<T> type) {
            super(type);
            this.numbers = NumberDeserializers.find(type, type.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            return (T) numbers.deserialize(p, context);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }

    /** {@code java.time} values only from strings: a number is no RFC 3339 instant nor ISO 8601 duration. */
    static final class TextOnlyTime extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return type.getPackageName().equals("java.time") ? new TextOnly(deserializer) : deserializer;
        }
    }

    static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, context);
        }
    }
}
