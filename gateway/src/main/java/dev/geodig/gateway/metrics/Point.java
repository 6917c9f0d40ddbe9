package dev.geodig.gateway.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One point of a series, written {@code [epoch_seconds, value]} as Prometheus writes its own (but with the
 * value a JSON number); {@code value} is {@code null} where Prometheus has none, or none that is a number
 * (NaN: no requests to divide by; an infinite quantile).
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"time", "value"})
record Point(@JsonProperty("time") long time, @JsonProperty("value") Double value) {
}
