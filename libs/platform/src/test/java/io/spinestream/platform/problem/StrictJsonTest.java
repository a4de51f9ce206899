package io.spinestream.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    enum Kind { FIRST, SECOND }

    record Body(String name, Integer count, Double level, Boolean enabled, Kind kind, Instant at, Duration overlap,
                List<String> tags) {
    }

    /** As Quarkus builds it (modules first), then made strict. */
    private static final ObjectMapper MAPPER = StrictJson.apply(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @Test
    void givenEveryFieldOfItsType_whenRead_thenRead() throws Exception {
        Body body = MAPPER.readValue("""
                {"name":"n","count":2,"level":2,"enabled":true,"kind":"SECOND","at":"2026-11-20T10:15:30Z",
                 "overlap":"PT1H","tags":["a"],"unknown":{"ignored":[1]}}""", Body.class);

        assertThat(body).isEqualTo(new Body("n", 2, 2.0, true, Kind.SECOND, Instant.parse("2026-11-20T10:15:30Z"),
                Duration.ofHours(1), List.of("a")));
        assertThat(MAPPER.readValue("{\"name\":null,\"count\":null}", Body.class)).isEqualTo(
                new Body(null, null, null, null, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":5}", "{\"name\":1.5}", "{\"name\":true}", "{\"count\":\"5\"}", "{\"count\":2.7}",
            "{\"count\":true}", "{\"level\":\"2.5\"}", "{\"level\":\"NaN\"}", "{\"level\":false}", "{\"enabled\":\"true\"}",
            "{\"enabled\":1}", "{\"kind\":0}", "{\"kind\":\"\"}", "{\"at\":1763633730}", "{\"at\":1.5}", "{\"overlap\":3600}",
            "{\"tags\":\"a\"}", "{\"tags\":[1]}", "{\"name\":[\"n\"]}", "{\"name\":{\"n\":1}}", "{\"count\":[2]}"})
    void givenAValueOfTheWrongJsonType_whenRead_thenRefusedNamingTheField(String json) {
        assertThatThrownBy(() -> MAPPER.readValue(json, Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\\u0000b\"}", "{\"name\":\"\\ud800\"}", "{\"tags\":[\"\\udfff\"]}"})
    void givenTextWithANulOrALoneSurrogate_whenRead_thenRefusedAsAFormat(String json) {
        assertThatThrownBy(() -> MAPPER.readValue(json, Body.class)).isInstanceOf(InvalidFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} x", "{\"name\":\"a\"}{}", "{\"name\":\"a\",\"name\":\"b\"}"})
    void givenTrailingContentOrAKeyTwice_whenRead_thenRefused(String json) {
        assertThatThrownBy(() -> MAPPER.readValue(json, Body.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void givenAnEmojiEscapedAsASurrogatePair_whenRead_thenKept() throws Exception {
        assertThat(MAPPER.readValue("{\"name\":\"\\ud83d\\ude80\"}", Body.class).name()).isEqualTo("\uD83D\uDE80");
    }
}
